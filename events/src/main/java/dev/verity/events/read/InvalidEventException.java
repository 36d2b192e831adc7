package dev.verity.events.read;

/** An event whose data can never be applied, however often it is retried: consumers dead-letter it. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String eventId, String type, String problem) {
        super("event " + eventId + " (" + type + ") " + problem);
    }
}
