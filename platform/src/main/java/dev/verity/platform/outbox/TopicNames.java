package dev.verity.platform.outbox;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Keeps instances apart on one broker: every topic a service writes (and, through its messaging configuration,
 * reads) carries {@code verity.kafka.topic-prefix}. {@code ./verity run} uses none; the tests use {@code test.}
 * (each module's {@code test.<module>.}, given by test-support),
 * the e2e suite and the benchmarks their instance name, so their events never reach the running demo and its
 * events never reach them. Code and outbox rows name the logical topic ({@code verity.cards}).
 */
@ConfigMapping(prefix = "verity.kafka")
public interface TopicNames {

    /** Prepended to every topic name, e.g. {@code test.}; none by default. */
    Optional<String> topicPrefix();

    /** The topic on the broker for a logical topic name. */
    default String physical(String topic) {
        return topicPrefix().orElse("") + topic;
    }
}
