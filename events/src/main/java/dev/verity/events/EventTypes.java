package dev.verity.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every CloudEvents {@code type} Verity publishes, and the one place that maps the legacy bare names
 * ({@code card.updated}) to the reverse-DNS names published since 0.2 ({@code dev.verity.card.updated}).
 *
 * <p>The CloudEvents spec recommends a reverse-DNS prefix so types from many producers never clash on a shared bus
 * or in an integration's router. Records written before the switch (in outboxes, on topics within retention,
 * parked in dead-letter topics and re-driven later) still carry the bare names, so every reader and
 * {@code platform}'s CloudEvent reader pass the type through {@link #normalise} and consumers only ever see the new
 * names. The legacy names are accepted for the deprecation period documented in docs/events.md, then this map goes.
 */
public final class EventTypes {

    /** What every Verity event type starts with: the reverse DNS name of verity.dev. */
    public static final String PREFIX = "dev.verity.";

    /** Every type published, in a stable order. */
    public static final Set<String> ALL;

    /** Legacy bare name → current name, for every type in {@link #ALL}. */
    public static final Map<String, String> LEGACY;

    /** Type → the topic it is published on. */
    public static final Map<String, String> TOPIC;

    /** Type → the classpath resource of the JSON Schema of its data (in this module, {@code schemas/...}). */
    public static final Map<String, String> SCHEMA;

    static {
        Set<String> all = new TreeSet<>();
        all.addAll(CardEventTypes.SNAPSHOT_TYPES);
        all.addAll(CommentEventTypes.ALL);
        all.addAll(AnnouncementEventTypes.ALL);
        all.addAll(CollectionEventTypes.ALL);
        all.addAll(DirectoryEventTypes.ALL);
        all.addAll(VerificationEventTypes.ALL);
        all.addAll(UsageEventTypes.ALL);
        ALL = Collections.unmodifiableSet(all);
        Map<String, String> legacy = new LinkedHashMap<>();
        for (String type : all) {
            legacy.put(type.substring(PREFIX.length()), type);
        }
        LEGACY = Collections.unmodifiableMap(legacy);
        Map<String, String> topic = new LinkedHashMap<>();
        Map<String, String> schema = new LinkedHashMap<>();
        register(topic, schema, CardEventTypes.SNAPSHOT_TYPES, Topics.CARDS, "schemas/card-event.schema.json");
        register(topic, schema, CommentEventTypes.ALL, Topics.COMMENTS, "schemas/comment-event.schema.json");
        register(topic, schema, AnnouncementEventTypes.ALL, Topics.ANNOUNCEMENTS,
                "schemas/announcement-event.schema.json");
        register(topic, schema, CollectionEventTypes.ALL, Topics.COLLECTIONS, "schemas/collection-event.schema.json");
        register(topic, schema, DirectoryEventTypes.ALL, Topics.DIRECTORY, "schemas/directory-event.schema.json");
        register(topic, schema, VerificationEventTypes.ALL, Topics.VERIFICATIONS,
                "schemas/verification-event.schema.json");
        register(topic, schema, java.util.Set.of(UsageEventTypes.REPORTED), Topics.USAGE,
                "schemas/usage-reported.schema.json");
        register(topic, schema, java.util.Set.of(UsageEventTypes.ARCHIVE_SCHEDULED), Topics.USAGE,
                "schemas/archive-scheduled.schema.json");
        TOPIC = Collections.unmodifiableMap(topic);
        SCHEMA = Collections.unmodifiableMap(schema);
    }

    private static void register(Map<String, String> topics, Map<String, String> schemas, Set<String> types,
            String topic, String schema) {
        for (String type : new TreeSet<>(types)) {
            topics.put(type, topic);
            schemas.put(type, schema);
        }
    }

    private EventTypes() {
    }

    /**
     * The current name of a type: a legacy bare name becomes its reverse-DNS name; anything else (current names,
     * types this version does not know, null) is returned as it is, so unknown types stay unknown.
     */
    public static String normalise(String type) {
        if (type == null) {
            return null;
        }
        return LEGACY.getOrDefault(type, type);
    }

    /** Whether {@code type} is a legacy bare name of a type Verity publishes. */
    public static boolean isLegacy(String type) {
        return type != null && LEGACY.containsKey(type);
    }

    /** The legacy bare name of a current type, or null when it has none. */
    public static String legacyName(String type) {
        return type != null && type.startsWith(PREFIX) && ALL.contains(type) ? type.substring(PREFIX.length()) : null;
    }
}
