package dev.verity.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service really reads: every key of its {@code application.properties} and of platform's
 * {@code META-INF/microprofile-config.properties} (without the {@code %profile.} prefix), every property of the
 * {@code @ConfigMapping} interfaces in its code and platform's, and the few keys Quarkus and MicroProfile JWT read
 * that are never written in a file because they hold secrets. An environment variable names one of them by the
 * MicroProfile Config rule: every character that is not a letter or digit becomes {@code _}, then upper case.
 */
final class ServiceConfigKeys {

    /**
     * Read by extensions, never written in a properties file: secrets (or the key itself) come only from the
     * environment. Each is documented by its extension: Quarkus datasource and Elasticsearch client, MicroProfile JWT.
     */
    static final Set<String> SECRET_KEYS = Set.of("quarkus.datasource.password", "quarkus.elasticsearch.username",
            "quarkus.elasticsearch.password", "mp.jwt.verify.publickey");

    /**
     * Keys of work under way that the manifests already set. Each entry names its issue; remove it when the key is
     * read, and the test then checks it like any other.
     */
    static final Set<String> FORTHCOMING = Set.of();

    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    /** An abstract accessor of a mapping interface: {@code Duration pollInterval();} */
    private static final Pattern ACCESSOR = Pattern.compile(
            "^\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*([\\w.<>, ?]+?)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);

    private final Set<String> keys = new TreeSet<>();
    /** Keys of map-typed mappings, e.g. {@code verity.auth.group-mapping}: any key below them is read. */
    private final Set<String> prefixes = new TreeSet<>();

    private ServiceConfigKeys() {
    }

    static ServiceConfigKeys of(Path projectRoot, String service) {
        ServiceConfigKeys config = new ServiceConfigKeys();
        config.addProperties(projectRoot.resolve(service).resolve("src/main/resources/application.properties"));
        config.addProperties(projectRoot.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        config.addMappings(projectRoot.resolve(service).resolve("src/main/java"));
        config.addMappings(projectRoot.resolve("platform/src/main/java"));
        config.keys.addAll(SECRET_KEYS);
        config.keys.addAll(FORTHCOMING);
        return config;
    }

    /** The key an environment variable stands for, if the service reads it. */
    Optional<String> keyFor(String environmentVariable) {
        for (String key : keys) {
            if (envName(key).equals(environmentVariable)) {
                return Optional.of(key);
            }
        }
        for (String prefix : prefixes) {
            if (environmentVariable.startsWith(envName(prefix) + "_")) {
                return Optional.of(prefix + ".*");
            }
        }
        return Optional.empty();
    }

    Set<String> keys() {
        return keys;
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private void addProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : properties.stringPropertyNames()) {
            keys.add(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
        }
    }

    private void addMappings(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher mapping = CONFIG_MAPPING.matcher(code);
                List<Integer> starts = new ArrayList<>();
                List<String> mappingPrefixes = new ArrayList<>();
                while (mapping.find()) {
                    starts.add(mapping.end());
                    mappingPrefixes.add(mapping.group(1));
                }
                for (int i = 0; i < starts.size(); i++) {
                    // an interface's accessors run up to the next mapping in the file, if any
                    int end = i + 1 < starts.size() ? starts.get(i + 1) : code.length();
                    addAccessors(mappingPrefixes.get(i), code.substring(starts.get(i), end));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addAccessors(String prefix, String body) {
        Matcher accessor = ACCESSOR.matcher(body);
        while (accessor.find()) {
            String key = prefix + "." + kebab(accessor.group(2));
            if (accessor.group(1).trim().startsWith("Map<")) {
                prefixes.add(key);
            } else {
                keys.add(key);
            }
        }
    }

    /** SmallRye Config's default naming: {@code pollInterval} is {@code poll-interval}. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
