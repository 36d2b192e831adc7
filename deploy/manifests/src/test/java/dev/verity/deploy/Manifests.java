package dev.verity.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rendered overlay, loaded with the fabric8 Kubernetes model: typed where fabric8 knows the kind, generic else. */
record Manifests(String overlay, List<HasMetadata> resources) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Path projectRoot() {
        return Path.of(System.getProperty("verity.project.root", "../..")).toAbsolutePath().normalize();
    }

    private static final Map<String, Manifests> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The rendered overlay; rendered once per test run, the tests only read it. */
    static Manifests overlay(String name) {
        return RENDERED.computeIfAbsent(name, Manifests::render);
    }

    private static Manifests render(String name) {
        List<Map<String, Object>> rendered = Kustomization.render(projectRoot().resolve("deploy/k8s/overlays").resolve(name));
        return new Manifests(name, rendered.stream().map(Manifests::load).toList());
    }

    static HasMetadata load(Map<String, Object> resource) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(resource), HasMetadata.class);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Custom resources (Strimzi, ECK, CloudNativePG), which fabric8 loads as generic resources. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    Optional<ConfigMap> configMap(String name) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    /** The module of the service a Deployment runs (several Deployments may run one service, e.g. search). */
    static String service(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name");
    }

    @SuppressWarnings("unchecked")
    static <T> T path(GenericKubernetesResource resource, String... keys) {
        Object value = resource.getAdditionalProperties();
        for (String key : keys) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return (T) value;
    }
}
