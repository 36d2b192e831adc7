package dev.verity.verification;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every span the service ends, kept in memory for {@link TracingTest}. Quarkus' "cdi" traces exporter hands spans to
 * every SpanExporter bean; it only runs where the test profile switches the SDK on, elsewhere it sees nothing.
 */
public class CapturedSpans {

    /** Looked up by Quarkus through CDI.current(), which ArC cannot see: kept explicitly. */
    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
