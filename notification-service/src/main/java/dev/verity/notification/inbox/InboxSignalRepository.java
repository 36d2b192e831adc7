package dev.verity.notification.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the live streams when their recipient's notifications are stored, whichever instance stored them: the insert
 * ({@link NotificationRepository#storeAll}) sends {@code NOTIFY verity_inbox, '<recipient id>'} in its transaction,
 * which PostgreSQL delivers on commit to every listening connection; this one holds a connection of its own (outside
 * the pool, which it would otherwise hold for ever) that {@code LISTEN}s, and runs each waiting stream's wake-up for
 * that recipient. A lost connection is opened again after a pause, and then every stream is woken (a signal may have
 * been missed meanwhile); the streams' own slow poll is the last safety net.
 */
@ApplicationScoped
public class InboxSignalRepository {

    /** The channel {@link NotificationRepository} notifies on. */
    static final String CHANNEL = "verity_inbox";

    private static final Logger LOG = Logger.getLogger(InboxSignalRepository.class);
    /** How long one wait for signals blocks before the loop looks whether it should stop. */
    private static final int WAIT_MILLIS = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private final Map<String, Set<Runnable>> waiting = new ConcurrentHashMap<>();
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private Thread listener;

    InboxSignalRepository(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** Runs {@code wakeUp} (on the listener's thread: it must only signal) whenever {@code recipientId} is told. */
    public void subscribe(String recipientId, Runnable wakeUp) {
        waiting.computeIfAbsent(recipientId, id -> new CopyOnWriteArraySet<>()).add(wakeUp);
    }

    public void unsubscribe(String recipientId, Runnable wakeUp) {
        waiting.computeIfPresent(recipientId, (id, wakeUps) -> {
            wakeUps.remove(wakeUp);
            return wakeUps.isEmpty() ? null : wakeUps;
        });
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "inbox-signals");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                wakeEveryone(); // whatever was stored while nobody listened
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] signals = pg.getNotifications(WAIT_MILLIS);
                    if (signals != null) {
                        for (PGNotification signal : signals) {
                            wake(signal.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("inbox signals: the LISTEN connection failed (%s); live streams fall back to their slow poll"
                        + " until it is open again", e.getMessage());
                try {
                    Thread.sleep(RECONNECT_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", "notification-service inbox signals");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        connection.setAutoCommit(true);
        return connection;
    }

    /** Runs the wake-ups waiting for {@code recipientId} now (a stream that has more to read than one batch). */
    public void wake(String recipientId) {
        Set<Runnable> wakeUps = waiting.get(recipientId);
        if (wakeUps != null) {
            wakeUps.forEach(Runnable::run);
        }
    }

    private void wakeEveryone() {
        waiting.values().forEach(wakeUps -> wakeUps.forEach(Runnable::run));
    }
}
