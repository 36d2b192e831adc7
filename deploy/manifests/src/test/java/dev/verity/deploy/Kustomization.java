package dev.verity.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomize directory the way {@code kubectl kustomize} does, for the subset of kustomize this project uses:
 * {@code resources} (files and directories), {@code namespace}, {@code labels}, {@code replicas}, {@code images} and
 * {@code patches} given by path (strategic merge: maps merge, lists of named items merge by {@code name}, null
 * deletes). Any other field makes rendering fail, so a manifest using a feature this renderer lacks is reported
 * instead of being checked wrongly. Keeps the tests free of a kustomize binary.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "replicas", "images", "patches");
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomization() {
    }

    /** Every resource of the kustomization in {@code dir}, as plain maps. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> k = readSingle(dir.resolve("kustomization.yaml"));
        for (String field : k.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses '" + field
                        + "', which this renderer does not support (supported: " + SUPPORTED + ")");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String resource : strings(k.get("resources"))) {
            Path path = dir.resolve(resource).normalize();
            out.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
        }
        for (Map<String, Object> patch : maps(k.get("patches"))) {
            Object path = patch.get("path");
            if (path == null || patch.size() != 1) {
                throw new IllegalStateException(dir + ": only patches given by path alone are supported, got " + patch);
            }
            for (Map<String, Object> doc : readAll(dir.resolve(path.toString()))) {
                Map<String, Object> target = find(out, (String) doc.get("kind"), name(doc)).orElseThrow(() ->
                        new IllegalStateException(dir + "/" + path + " patches " + doc.get("kind") + " " + name(doc)
                                + ", which the kustomization does not contain"));
                merge(target, doc);
            }
        }
        for (Map<String, Object> replicas : maps(k.get("replicas"))) {
            Map<String, Object> target = out.stream()
                    .filter(r -> Objects.equals(name(r), replicas.get("name")))
                    .filter(r -> List.of("Deployment", "StatefulSet", "ReplicaSet").contains(r.get("kind")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(dir + ": replicas for unknown "
                            + replicas.get("name")));
            map(target, "spec").put("replicas", replicas.get("count"));
        }
        for (Map<String, Object> image : maps(k.get("images"))) {
            for (Map<String, Object> resource : out) {
                for (Map<String, Object> container : containers(resource)) {
                    String ref = (String) container.get("image");
                    String repository = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
                    if (repository.equals(image.get("name"))) {
                        String newName = (String) image.getOrDefault("newName", repository);
                        String tag = (String) image.get("newTag");
                        container.put("image", tag == null ? newName
                                + (ref.contains(":") ? ref.substring(ref.lastIndexOf(':')) : "") : newName + ":" + tag);
                    }
                }
            }
        }
        for (Map<String, Object> labels : maps(k.get("labels"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> pairs = (Map<String, Object>) labels.get("pairs");
            if (labels.size() != 1 || pairs == null) {
                throw new IllegalStateException(dir + ": only labels with pairs alone are supported, got " + labels);
            }
            out.forEach(r -> map(map(r, "metadata"), "labels").putAll(pairs));
        }
        if (k.get("namespace") != null) {
            out.forEach(r -> map(r, "metadata").put("namespace", k.get("namespace")));
        }
        return out;
    }

    static List<Map<String, Object>> readAll(Path file) {
        try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() {
        }).readValues(Files.readString(file))) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (docs.hasNextValue()) {
                Map<String, Object> doc = docs.nextValue();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> readSingle(Path file) {
        List<Map<String, Object>> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " should hold one document, holds " + docs.size());
        }
        return docs.get(0);
    }

    /** Strategic merge as kustomize applies it to the kinds used here. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object mine = target.get(e.getKey());
            Object theirs = e.getValue();
            if (theirs == null) {
                target.remove(e.getKey());
            } else if (mine instanceof Map && theirs instanceof Map) {
                merge((Map<String, Object>) mine, (Map<String, Object>) theirs);
            } else if (mine instanceof List && theirs instanceof List && named((List<Object>) mine)
                    && named((List<Object>) theirs)) {
                for (Object item : (List<Object>) theirs) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    ((List<Object>) mine).stream().map(m -> (Map<String, Object>) m)
                            .filter(m -> Objects.equals(m.get("name"), patchItem.get("name"))).findFirst()
                            .ifPresentOrElse(m -> merge(m, patchItem), () -> ((List<Object>) mine).add(patchItem));
                }
            } else {
                target.put(e.getKey(), theirs);
            }
        }
    }

    private static boolean named(List<Object> list) {
        return list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    static String name(Map<String, Object> resource) {
        return (String) map(resource, "metadata").get("name");
    }

    static java.util.Optional<Map<String, Object>> find(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(name(r))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> resource) {
        Object spec = resource.get("spec");
        if (!(spec instanceof Map<?, ?> s) || !(s.get("template") instanceof Map<?, ?> t)
                || !(t.get("spec") instanceof Map<?, ?> podSpec)) {
            return List.of();
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (String key : List.of("containers", "initContainers")) {
            if (podSpec.get(key) instanceof List<?> list) {
                list.forEach(c -> all.add((Map<String, Object>) c));
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, x -> new LinkedHashMap<String, Object>());
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
