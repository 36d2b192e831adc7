package dev.verity.platform.consumer;

/**
 * An event was not applied because the service is stopping (SIGTERM): whatever failed (Hibernate closed under the
 * effect, a pause cut short) is the stop's doing, not the event's. {@link EventConsumer} throws it instead of counting
 * the failure, and {@link StoppingAwareDeadLetterQueue} leaves the record unacknowledged rather than parking it: its
 * offset is not committed, so it comes again after the restart (and the inbox skips it if it was applied after all).
 */
public class ServiceStoppingException extends RuntimeException {

    public ServiceStoppingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} (or a cause of it) says the service was stopping. */
    public static boolean among(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ServiceStoppingException) {
                return true;
            }
        }
        return false;
    }
}
