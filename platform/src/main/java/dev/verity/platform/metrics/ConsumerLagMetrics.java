package dev.verity.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Consumer lag per consumer group and topic, as the broker sees it: records on the topic that the group has not
 * committed yet. That is the figure to alert and scale on (a growing lag means the consumers cannot keep up, or are
 * stuck), and unlike the Kafka client's own {@code records-lag} metrics (also exported, per client and partition) it
 * stays true while a consumer is paused, rebalancing or down. Every Kafka channel in the service's configuration
 * ({@code mp.messaging.incoming.<channel>.connector=smallrye-kafka}) is watched.
 */
@ApplicationScoped
public class ConsumerLagMetrics {

    private static final Logger LOG = Logger.getLogger(ConsumerLagMetrics.class);
    private static final String INCOMING = "mp.messaging.incoming.";

    /** A channel's group and topic, as configured (with the topic prefix applied). */
    record Subscription(String channel, String group, String topic) {
    }

    private final Config config;
    private final MetricsConfig metrics;
    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final Map<Subscription, Double> lags = new java.util.concurrent.ConcurrentHashMap<>();

    private ScheduledExecutorService refresher;
    private Admin admin;

    ConsumerLagMetrics(Config config, MetricsConfig metrics, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.metrics = metrics;
        this.registry = registry;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        List<Subscription> subscriptions = subscriptions();
        if (subscriptions.isEmpty()) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            lags.put(subscription, Double.NaN);
            Gauge.builder("verity.kafka.consumer.lag", lags, l -> l.getOrDefault(subscription, Double.NaN))
                    .description("Records on the topic not yet committed by the consumer group")
                    .tag("group", subscription.group())
                    .tag("topic", subscription.topic())
                    .tag("channel", subscription.channel())
                    .register(registry);
        }
        admin = Admin.create(adminProperties());
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consumer-lag-metrics");
            thread.setDaemon(true);
            return thread;
        });
        long every = metrics.consumerLagRefresh().toMillis();
        refresher.scheduleWithFixedDelay(() -> subscriptions.forEach(this::refresh), 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    /** The Kafka channels this service consumes, from its configuration. */
    List<Subscription> subscriptions() {
        Set<String> channels = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(INCOMING) && name.endsWith(".connector")) {
                String channel = name.substring(INCOMING.length(), name.length() - ".connector".length());
                if ("smallrye-kafka".equals(config.getOptionalValue(name, String.class).orElse(""))) {
                    channels.add(channel);
                }
            }
        }
        List<Subscription> subscriptions = new ArrayList<>();
        for (String channel : channels) {
            String prefix = INCOMING + channel + ".";
            boolean enabled = config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true);
            var group = config.getOptionalValue(prefix + "group.id", String.class);
            if (enabled && group.isPresent()) {
                String topic = config.getOptionalValue(prefix + "topic", String.class).orElse(channel);
                subscriptions.add(new Subscription(channel, group.get(), topic));
            }
        }
        return subscriptions;
    }

    private void refresh(Subscription subscription) {
        try {
            lags.put(subscription, (double) lag(subscription));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // unknown rather than stale: a dashboard shows the gap, an alert on absent data fires
            lags.put(subscription, Double.NaN);
            LOG.debugf("cannot read the lag of group %s on %s: %s", subscription.group(), subscription.topic(),
                    e.getMessage());
        }
    }

    /** Sum over the topic's partitions of end offset minus committed offset (log start where nothing is committed). */
    long lag(Subscription subscription) throws Exception {
        var description = admin.describeTopics(List.of(subscription.topic())).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(subscription.topic());
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(subscription.topic(), p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(subscription.group())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            long position = Math.max(starts.get(partition).offset(), offset == null ? 0 : offset.offset());
            lag += Math.max(0, ends.get(partition).offset() - position);
        }
        return lag;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    }

    /** The service's Kafka settings (address, security), limited to those an admin client knows. */
    private Map<String, Object> adminProperties() {
        Set<String> known = AdminClientConfig.configNames();
        Map<String, Object> properties = kafka.entrySet().stream()
                .filter(e -> known.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "consumer-lag-metrics");
        return properties;
    }
}
