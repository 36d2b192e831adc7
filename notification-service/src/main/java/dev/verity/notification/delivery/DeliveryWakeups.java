package dev.verity.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes a channel's {@link DeliveryQueue} when rows were written for it, once the writing transaction commits (a
 * pass before the commit would find nothing and back off). So an idle queue need not poll: its tick passes only when
 * woken, when a retry falls due, or after {@code verity.notification.delivery.max-idle} at the longest (the safety
 * net for rows another instance wrote, or whose lease ran out).
 */
@ApplicationScoped
public class DeliveryWakeups {

    private final TransactionSynchronizationRegistry transactions;
    private final Duration maxIdle;
    private final Map<String, DeliveryQueue<?>> queues = new ConcurrentHashMap<>();

    DeliveryWakeups(TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "verity.notification.delivery.max-idle", defaultValue = "30s") Duration maxIdle) {
        this.transactions = transactions;
        this.maxIdle = maxIdle;
    }

    /** The queue of the channel table {@code table}: woken by {@link #written}; paced up to max-idle. */
    public void register(String table, DeliveryQueue<?> queue) {
        queues.put(table, queue.maxIdle(maxIdle));
    }

    /** In the transaction that wrote (or made due) rows of {@code table}: its queue passes once that commits. */
    public void written(String table) {
        DeliveryQueue<?> queue = queues.get(table);
        if (queue == null) {
            return; // no sender (yet): its first pass finds the rows
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    queue.wake();
                }
            }
        });
    }
}
