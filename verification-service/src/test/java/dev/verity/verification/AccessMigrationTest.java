package dev.verity.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.platform.access.CollectionAccess;
import dev.verity.platform.access.Viewer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V4 moves what this service had learnt of collections, grants and the directory (its own tables of V3) into
 * platform's access tables, where {@link CollectionAccess} reads it: a database at V3 with rows in it is migrated in a
 * schema of its own, then read through CollectionAccess.
 */
@QuarkusTest
class AccessMigrationTest {

    private static final String SCHEMA = "access_migration_test";
    private static final UUID LIVE = UUID.fromString("0f6c1a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final UUID DELETED = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    @Inject
    Flyway flyway;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    CollectionAccess access;

    @Test
    void v4MovesCollectionsGrantsAndTheDirectoryIntoPlatformsAccessTablesAndDropsTheOldOnes() throws SQLException {
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        migrate("3");
        sql("""
                INSERT INTO known_collection (id, version, name, deleted, source_default_verifier_id,
                    source_default_interval_days, default_verifier_id, default_interval_days, updated_at)
                VALUES ('%1$s', 7, 'Billing', false, 'alice', 30, 'billing-experts', 90, now()),
                       ('%2$s', 3, 'Gone', true, null, null, null, null, now());
                INSERT INTO collection_access (collection_id, position, principal_type, principal_id, role) VALUES
                    ('%1$s', 0, 'USER', 'reader', 'READ_ONLY'),
                    ('%1$s', 1, 'USER', 'owner-listed-first', 'COLLECTION_OWNER'),
                    ('%1$s', 2, 'USER', 'owner-listed-second', 'COLLECTION_OWNER'),
                    ('%1$s', 3, 'GROUP', 'billing-experts', 'AUTHOR'),
                    ('%1$s', 4, 'USER', 'gone', 'READ_ONLY');
                INSERT INTO directory_principal (principal_type, principal_id, version, removed) VALUES
                    ('GROUP', 'billing-experts', 2, false), ('USER', 'gone', 5, true);
                INSERT INTO group_member (group_id, user_id) VALUES ('billing-experts', 'bea');
                """.formatted(LIVE, DELETED));

        migrate(null);

        QuarkusTransaction.requiringNew().run(() -> {
            // CollectionAccess reads on the transaction's connection: point it at the migrated schema
            em.createNativeQuery("SET LOCAL search_path TO " + SCHEMA).executeUpdate();
            Viewer reader = new Viewer("reader", Set.of(), false);
            assertEquals(List.of(LIVE), access.readScope(reader).collectionIds());
            assertEquals(List.of("AUTHOR"), access.rolesIn(LIVE, new Viewer("bea", Set.of(), false)),
                    "a group's grant reaches its members");
            assertEquals(Optional.of("owner-listed-first"), access.firstOwner(LIVE),
                    "card-service's order of the access list is kept");
            assertTrue(access.isMember("bea", "billing-experts"));
            assertTrue(access.canRead(LIVE, "bea"));
            assertFalse(access.canRead(LIVE, "gone"), "a user the directory removed reads nothing");
            assertTrue(access.exists(LIVE));
            assertFalse(access.exists(DELETED), "deleted stays deleted");
            assertTrue(access.knows(DELETED));
            Object[] defaults = (Object[]) em.createNativeQuery(
                    "SELECT default_verifier_id, default_interval_days FROM verification_defaults WHERE id = :id")
                    .setParameter("id", LIVE).getSingleResult();
            assertEquals("billing-experts", defaults[0], "the defaults in force stay this service's");
            assertEquals(90, ((Number) defaults[1]).intValue());
            for (String old : List.of("known_collection", "collection_access", "directory_principal",
                    "group_member")) {
                assertNull(em.createNativeQuery("SELECT CAST(to_regclass(:table) AS varchar)")
                        .setParameter("table", SCHEMA + "." + old).getSingleResult(), old + " is dropped");
            }
        });
        sql("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    /** This service's migrations (with Quarkus's view of them) in the test schema, up to {@code target} (null: all). */
    private void migrate(String target) {
        var config = Flyway.configure().configuration(flyway.getConfiguration()).schemas(SCHEMA)
                .defaultSchema(SCHEMA).createSchemas(true);
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private void sql(String statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + SCHEMA + ", public");
            try {
                statement.execute(statements);
            } finally {
                statement.execute("RESET search_path");
            }
        }
    }
}
