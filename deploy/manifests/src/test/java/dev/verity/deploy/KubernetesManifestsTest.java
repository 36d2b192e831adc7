package dev.verity.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays, rendered as kustomize would and loaded with the fabric8 model, checked against the code. */
class KubernetesManifestsTest {

    private static final Set<String> DEPLOYMENTS = Set.of("card-service", "verification-service", "search-query",
            "search-indexer", "notification-service", "web");
    /** The Deployments with a database and Kafka (all but the web app's server). */
    private static final Set<String> BACKENDS = Set.of("card-service", "verification-service", "search-query",
            "search-indexer", "notification-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceRunsAndTheServersComeFromTheirOperatorsNotFromStatefulSets(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertEquals(DEPLOYMENTS, names(manifests.deployments()));
        assertTrue(manifests.resources().stream().noneMatch(r -> r.getKind().equals("StatefulSet")),
                "servers come from their operators, never from a hand-rolled StatefulSet");
        assertEquals(1, manifests.custom("Kafka").size(), "one Strimzi Kafka");
        assertEquals("enabled", manifests.custom("Kafka").get(0).getMetadata().getAnnotations().get("strimzi.io/kraft"),
                "Kafka in KRaft mode");
        assertEquals(1, manifests.custom("Elasticsearch").size(), "one ECK Elasticsearch");
        assertEquals(4, manifests.custom("Cluster").size(), "one CloudNativePG cluster per service database");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyDeploymentProbesStartupLivenessAndReadinessOnQuarkusHealth(String overlay) {
        List<Deployment> deployments = Manifests.overlay(overlay).deployments();
        assertEquals(DEPLOYMENTS.size(), deployments.size());
        for (Deployment deployment : deployments) {
            for (Container container : containers(deployment)) {
                String where = overlay + " " + deployment.getMetadata().getName() + "/" + container.getName();
                assertProbe(where + " startup", container, container.getStartupProbe(), "/q/health/started");
                assertProbe(where + " liveness", container, container.getLivenessProbe(), "/q/health/live");
                assertProbe(where + " readiness", container, container.getReadinessProbe(), "/q/health/ready");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyContainerRequestsAndLimitsCpuAndMemory(String overlay) {
        int containers = 0;
        for (Deployment deployment : Manifests.overlay(overlay).deployments()) {
            for (Container container : containers(deployment)) {
                String where = overlay + " " + deployment.getMetadata().getName() + "/" + container.getName();
                assertNotNull(container.getResources(), where + " has no resources");
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(container.getResources().getRequests().get(resource), where + " requests no " + resource);
                    assertNotNull(container.getResources().getLimits().get(resource), where + " has no " + resource + " limit");
                }
                containers++;
            }
        }
        assertEquals(DEPLOYMENTS.size(), containers);
    }

    /**
     * Every variable a container gets, given one by one or from a ConfigMap, must name a key its service reads:
     * a misspelt or stale variable would be silently ignored by the service.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyEnvironmentVariableNamesAConfigurationKeyTheServiceReads(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Deployment deployment : manifests.deployments()) {
            String service = Manifests.service(deployment);
            ServiceConfigKeys keys = ServiceConfigKeys.of(Manifests.projectRoot(), service);
            for (Container container : containers(deployment)) {
                for (String variable : environment(manifests, container)) {
                    checked++;
                    if (keys.keyFor(variable).isEmpty()) {
                        unknown.add(deployment.getMetadata().getName() + ": " + variable);
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), overlay + ": variables that name no key the service reads: " + unknown);
        // each Deployment gets the shared settings, its database and credentials at least
        assertTrue(checked >= BACKENDS.size() * 8, overlay + ": only " + checked + " variables found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everySecretReferencedIsMadeByAnOperatorOfTheOverlayOrOptional(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Set<String> made = new HashSet<>();
        manifests.custom("Cluster").forEach(c -> made.add(c.getMetadata().getName() + "-app"));
        manifests.custom("Elasticsearch").forEach(e -> made.add(e.getMetadata().getName() + "-es-elastic-user"));
        int references = 0;
        for (Deployment deployment : manifests.deployments()) {
            for (Container container : containers(deployment)) {
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null) {
                        continue;
                    }
                    SecretKeySelector secret = variable.getValueFrom().getSecretKeyRef();
                    references++;
                    assertTrue(made.contains(secret.getName()) || Boolean.TRUE.equals(secret.getOptional()),
                            overlay + " " + deployment.getMetadata().getName() + ": " + variable.getName()
                                    + " reads Secret " + secret.getName() + ", which no operator here makes " + made);
                }
            }
        }
        assertTrue(references >= BACKENDS.size() * 2, "database credentials come from Secrets");
    }

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/(\\w+)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void eachServiceUsesTheDatabaseOfItsOwnPostgresCluster(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Map<String, String> databaseOfRwService = new java.util.HashMap<>();
        for (GenericKubernetesResource cluster : manifests.custom("Cluster")) {
            databaseOfRwService.put(cluster.getMetadata().getName() + "-rw",
                    Manifests.path(cluster, "spec", "bootstrap", "initdb", "database"));
        }
        Set<String> used = new TreeSet<>();
        for (Deployment deployment : manifests.deployments()) {
            if (!BACKENDS.contains(deployment.getMetadata().getName())) {
                continue;
            }
            String url = variables(manifests, containers(deployment).get(0)).get("QUARKUS_DATASOURCE_JDBC_URL");
            assertNotNull(url, deployment.getMetadata().getName() + " has no database URL");
            Matcher jdbc = JDBC.matcher(url);
            assertTrue(jdbc.matches(), url);
            assertEquals(databaseOfRwService.get(jdbc.group(1)), jdbc.group(2),
                    deployment.getMetadata().getName() + ": " + url + " names no database of cluster " + jdbc.group(1));
            used.add(jdbc.group(1));
        }
        assertEquals(databaseOfRwService.keySet(), used, "every cluster serves a service, every service has its own");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicTheCodeUsesHasAKafkaTopicOfTheCluster(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        String cluster = manifests.custom("Kafka").get(0).getMetadata().getName();
        int brokers = manifests.custom("KafkaNodePool").stream()
                .mapToInt(pool -> ((Number) Manifests.path(pool, "spec", "replicas")).intValue()).sum();
        Set<String> declared = new TreeSet<>();
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            String name = Manifests.path(topic, "spec", "topicName");
            assertEquals(cluster, topic.getMetadata().getLabels().get("strimzi.io/cluster"), name + " belongs to no cluster");
            int replicas = ((Number) Manifests.path(topic, "spec", "replicas")).intValue();
            assertTrue(replicas <= brokers, name + ": " + replicas + " replicas on " + brokers + " brokers");
            assertTrue(((Number) Manifests.path(topic, "spec", "partitions")).intValue() >= 1, name);
            Map<String, Object> config = Manifests.path(topic, "spec", "config");
            assertTrue(config.containsKey("retention.ms") || "compact".equals(config.get("cleanup.policy")),
                    name + " says how long it keeps records");
            declared.add(name);
        }
        Set<String> used = CodeTopics.used(Manifests.projectRoot());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(declared);
        assertTrue(missing.isEmpty(), overlay + ": topics the code uses without a KafkaTopic: " + missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyDeploymentHasAPodDisruptionBudget(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
        assertEquals(DEPLOYMENTS.size(), budgets.size());
        for (Deployment deployment : manifests.deployments()) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            long covering = budgets.stream()
                    .filter(b -> podLabels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .count();
            assertEquals(1, covering, deployment.getMetadata().getName() + " is covered by " + covering + " budgets");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theOnlyAutoscalerScalesTheSearchQueryDeployment(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class);
        assertEquals(1, autoscalers.size());
        HorizontalPodAutoscaler hpa = autoscalers.get(0);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("search-query", hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
        Deployment query = manifests.deployments().stream()
                .filter(d -> d.getMetadata().getName().equals("search-query")).findFirst().orElseThrow();
        assertEquals("query", variables(manifests, containers(query).get(0)).get("VERITY_SEARCH_MODE"));
        Deployment indexer = manifests.deployments().stream()
                .filter(d -> d.getMetadata().getName().equals("search-indexer")).findFirst().orElseThrow();
        assertEquals("index", variables(manifests, containers(indexer).get(0)).get("VERITY_SEARCH_MODE"));
    }

    /**
     * The browser reaches the app and the four APIs on one host with the paths `./verity run` serves on :8080:
     * {@code /api/<service>/...} to the service with the prefix removed, everything else to the web app.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theIngressServesTheAppAndEachApiUnderTheSamePathsAsTheLocalWebServer(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Map<String, Ingress> ingresses = new java.util.HashMap<>();
        manifests.all(Ingress.class).forEach(i -> ingresses.put(i.getMetadata().getName(), i));
        assertEquals(Set.of("verity-api", "verity-web"), ingresses.keySet());
        Map<String, io.fabric8.kubernetes.api.model.Service> services = new java.util.HashMap<>();
        manifests.all(io.fabric8.kubernetes.api.model.Service.class).forEach(s -> services.put(s.getMetadata().getName(), s));

        Ingress api = ingresses.get("verity-api");
        Map<String, String> annotations = api.getMetadata().getAnnotations();
        assertEquals("/$2", annotations.get("nginx.ingress.kubernetes.io/rewrite-target"), "the /api/<service> prefix is removed");
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"),
                "Server-Sent Events must reach the browser event by event");
        Map<String, String> routes = new java.util.TreeMap<>();
        for (HTTPIngressPath path : api.getSpec().getRules().get(0).getHttp().getPaths()) {
            routes.put(path.getPath(), path.getBackend().getService().getName());
            assertBackendExists(services, path);
        }
        assertEquals(Map.of("/api/cards(/|$)(.*)", "card-service", "/api/verification(/|$)(.*)", "verification-service",
                "/api/search(/|$)(.*)", "search-service", "/api/notifications(/|$)(.*)", "notification-service"), routes);
        for (String prefix : List.of("cards", "verification", "search", "notifications")) {
            Matcher m = Pattern.compile("/api/" + prefix + "(/|$)(.*)").matcher("/api/" + prefix + "/some/path");
            assertTrue(m.matches() && ("/" + m.group(2)).equals("/some/path"), prefix + " rewrites to the service's own path");
        }

        Ingress web = ingresses.get("verity-web");
        assertTrue(web.getMetadata().getAnnotations() == null
                || !web.getMetadata().getAnnotations().containsKey("nginx.ingress.kubernetes.io/rewrite-target"));
        HTTPIngressPath root = web.getSpec().getRules().get(0).getHttp().getPaths().get(0);
        assertEquals("/", root.getPath());
        assertEquals("web", root.getBackend().getService().getName());
        assertBackendExists(services, root);
        assertEquals(api.getSpec().getRules().get(0).getHost(), web.getSpec().getRules().get(0).getHost(), "one origin");
    }

    private static void assertBackendExists(Map<String, io.fabric8.kubernetes.api.model.Service> services, HTTPIngressPath path) {
        io.fabric8.kubernetes.api.model.Service service = services.get(path.getBackend().getService().getName());
        assertNotNull(service, path.getPath() + " routes to no Service");
        String port = path.getBackend().getService().getPort().getName();
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(port)),
                path.getPath() + " routes to port " + port + ", which Service " + service.getMetadata().getName() + " lacks");
    }

    private static void assertProbe(String where, Container container, Probe probe, String path) {
        assertNotNull(probe, where + " probe missing");
        assertNotNull(probe.getHttpGet(), where + " probe is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), where);
        String port = probe.getHttpGet().getPort().getStrVal();
        Integer number = probe.getHttpGet().getPort().getIntVal();
        assertTrue(container.getPorts().stream().anyMatch(p -> p.getName().equals(port)
                || p.getContainerPort().equals(number)), where + " probes a port the container does not open");
    }

    private static List<Container> containers(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertFalse(containers.isEmpty());
        return containers;
    }

    /** Names of every variable a container gets. */
    private static List<String> environment(Manifests manifests, Container container) {
        return new ArrayList<>(variables(manifests, container).keySet());
    }

    /** A container's variables from its ConfigMaps (which must exist) and its env; those from Secrets as null. */
    private static Map<String, String> variables(Manifests manifests, Container container) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            assertNotNull(source.getConfigMapRef(), "envFrom only from ConfigMaps: secrets are referenced key by key");
            String name = source.getConfigMapRef().getName();
            ConfigMap map = manifests.configMap(name)
                    .orElseThrow(() -> new AssertionError(container.getName() + " reads ConfigMap " + name + ", not in the overlay"));
            values.putAll(map.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            values.put(variable.getName(), variable.getValue());
        }
        return values;
    }

    private static Set<String> names(List<? extends HasMetadata> resources) {
        Set<String> names = new TreeSet<>();
        resources.forEach(r -> names.add(r.getMetadata().getName()));
        return names;
    }
}
