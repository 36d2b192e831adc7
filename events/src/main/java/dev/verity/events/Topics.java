package dev.verity.events;

/** Kafka topic names. Every topic is keyed by its aggregate id so one aggregate's events stay in order. */
public final class Topics {

    /** Every card lifecycle event; key = card id. */
    public static final String CARDS = "verity.cards";

    private Topics() {
    }
}
