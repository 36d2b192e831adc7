package dev.verity.stack;

import java.nio.file.Path;

/** How to reach the stack's servers; what tests and the run command feed into Quarkus config. */
public record Endpoints(String pgHost, int pgPort, String pgUser, String pgPassword,
                        String kafkaBootstrap, String elasticsearchHost, Path home) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String elasticsearchUrl() {
        return "http://" + elasticsearchHost;
    }
}
