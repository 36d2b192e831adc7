package dev.verity.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How every service's meters are shaped, so one dashboard (deploy/grafana) reads all four. */
public class MeterFilters {

    /** Tag {@code service} (the application name, e.g. card-service) on every meter, whatever the scraper labels. */
    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(java.util.List.of(io.micrometer.core.instrument.Tag.of("service", application)));
    }

    /**
     * HTTP server latency as a Prometheus histogram (buckets per method, uri template and status), so dashboards can
     * compute any percentile per operation over any number of instances; a per-instance summary could not be added up.
     */
    @Produces
    @Singleton
    MeterFilter httpServerHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
