package dev.verity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceConfigKeysTest {

    private final ServiceConfigKeys search = ServiceConfigKeys.of(Manifests.projectRoot(), "search-service");

    @Test
    void environmentNamesFollowTheMicroProfileRule() {
        assertEquals("QUARKUS_DATASOURCE_JDBC_URL", ServiceConfigKeys.envName("quarkus.datasource.jdbc.url"));
        assertEquals("MP_MESSAGING_INCOMING_CARD_EVENTS_GROUP_ID",
                ServiceConfigKeys.envName("mp.messaging.incoming.card-events.group.id"));
        assertEquals("VERITY_AUTH_GROUP_MAPPING__IDP_SUPPORT_",
                ServiceConfigKeys.envName("verity.auth.group-mapping.\"idp-support\""));
    }

    @Test
    void keysComeFromPropertiesFilesAndConfigMappings() {
        // application.properties, platform's microprofile-config.properties, a %profile key, @ConfigMapping defaults
        assertEquals(Optional.of("verity.search.alias"), search.keyFor("VERITY_SEARCH_ALIAS"));
        assertEquals(Optional.of("kafka.bootstrap.servers"), search.keyFor("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(Optional.of("mp.jwt.verify.issuer"), search.keyFor("MP_JWT_VERIFY_ISSUER"));
        assertEquals(Optional.of("verity.search.replicas"), search.keyFor("VERITY_SEARCH_REPLICAS"));
        assertEquals(Optional.of("verity.outbox.relay-enabled"), search.keyFor("VERITY_OUTBOX_RELAY_ENABLED"));
        assertEquals(Optional.of("verity.auth.group-mapping.*"), search.keyFor("VERITY_AUTH_GROUP_MAPPING_SUPPORT"));
        assertTrue(search.keys().size() > 40, "found only " + search.keys().size() + " keys");
    }

    @Test
    void aMisspeltOrForeignVariableNamesNoKey() {
        assertEquals(Optional.empty(), search.keyFor("QUARKUS_DATASOURCE_JDBC_URLL"));
        assertEquals(Optional.empty(), search.keyFor("VERITY_SEARCH_ALIASES"));
        // card-service's own key is not search-service's
        assertEquals(Optional.empty(), search.keyFor("VERITY_IMPORT_MAX_ITEMS"));
        assertEquals(Optional.of("verity.import.max-items"),
                ServiceConfigKeys.of(Manifests.projectRoot(), "card-service").keyFor("VERITY_IMPORT_MAX_ITEMS"));
    }

    @Test
    void theTopicsOfTheCodeIncludeEveryDeadLetterTopic() {
        var topics = CodeTopics.used(Manifests.projectRoot());
        assertTrue(topics.containsAll(CodeTopics.published()));
        assertTrue(topics.contains("verity.cards.dlq.search-service"), topics.toString());
        assertTrue(topics.stream().filter(t -> t.contains(".dlq.")).count() >= 5, topics.toString());
        assertTrue(topics.stream().noneMatch(t -> t.contains("${")), topics.toString());
    }
}
