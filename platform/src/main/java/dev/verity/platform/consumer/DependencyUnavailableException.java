package dev.verity.platform.consumer;

/**
 * A dependency answered, but not now (HTTP 429, 502, 503, 504): the consumer waits it out instead of dead-lettering
 * the event. Connection errors and timeouts need no wrapping: an {@code IOException} anywhere in the cause chain
 * counts as an outage already.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
