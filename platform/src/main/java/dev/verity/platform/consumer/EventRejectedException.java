package dev.verity.platform.consumer;

/**
 * A well-formed event that a rule or a dependency refuses for good (e.g. Elasticsearch rejects the document as
 * invalid): retrying cannot help, so it goes to the dead-letter topic at once, to be re-driven after a fix.
 */
public class EventRejectedException extends RuntimeException {

    public EventRejectedException(String message) {
        super(message);
    }

    public EventRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
