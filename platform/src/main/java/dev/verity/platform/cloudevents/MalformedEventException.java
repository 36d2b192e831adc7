package dev.verity.platform.cloudevents;

/** An event that can never be processed, however often it is retried: it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
