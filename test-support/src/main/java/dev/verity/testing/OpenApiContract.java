package dev.verity.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document a service serves is a product frontends build on: it is checked in under
 * {@code docs/openapi/<service>.yaml} so every change to it shows up in review, and it keeps the promises a
 * generated client relies on. Called from one {@code @QuarkusTest} per service.
 */
public final class OpenApiContract {

    /** {@code -Dverity.openapi.update=true} rewrites the checked-in documents instead of failing on a difference. */
    public static final String UPDATE_PROPERTY = "verity.openapi.update";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/(schemas|responses)/([^\"]+)\"");

    private OpenApiContract() {
    }

    /** Fails when the served document differs from {@code docs/openapi/<service>.yaml}, saying how to refresh it. */
    public static void matchesCheckedInDocument(String service) {
        String served = normalise(given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Path file = checkedIn(service);
        String recorded = Files.exists(file) ? normalise(read(file)) : null;
        if (served.equals(recorded)) {
            return;
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            write(file, served);
            return;
        }
        throw new AssertionError((recorded == null ? file + " does not exist"
                : file + " differs from the document " + service + " serves at /q/openapi, first at line "
                        + firstDifference(recorded, served))
                + ". If the change is meant, refresh the checked-in document and commit it: mvn -pl " + service
                + " verify -Dtest=OpenApiDocumentTest -D" + UPDATE_PROPERTY + "=true");
    }

    /**
     * What a generated client needs: every operation named (a stable {@code operationId}, unique) and tagged, every
     * error answer an {@code application/problem+json} body of the {@code Problem} schema, every {@code $ref}
     * defined. Returns the problems found, empty when none.
     */
    public static List<String> brokenPromises() {
        String text = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> broken = new ArrayList<>();
        JsonNode components = document.path("components");
        Matcher refs = REF.matcher(text);
        while (refs.find()) {
            if (components.path(refs.group(1)).path(refs.group(2)).isMissingNode()) {
                broken.add("#/components/" + refs.group(1) + "/" + refs.group(2) + " is referenced but not defined");
            }
        }
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                if (id.isEmpty()) {
                    broken.add(where + " has no operationId");
                } else if (!operationIds.add(id)) {
                    broken.add(where + " repeats operationId " + id);
                }
                if (op.getValue().path("tags").isEmpty()) {
                    broken.add(where + " has no tag");
                }
                for (Iterator<Map.Entry<String, JsonNode>> responses = op.getValue().path("responses").fields();
                        responses.hasNext();) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                        continue;
                    }
                    JsonNode resolved = resolve(components, response.getValue());
                    JsonNode schema = resolved.path("content").path("application/problem+json").path("schema");
                    if (!"#/components/schemas/Problem".equals(schema.path("$ref").asText())) {
                        broken.add(where + " answers " + response.getKey() + " without an application/problem+json "
                                + "body of schema Problem");
                    }
                }
            }
        }
        return broken;
    }

    private static JsonNode resolve(JsonNode components, JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.startsWith("#/components/responses/")
                ? components.path("responses").path(ref.substring("#/components/responses/".length()))
                : response;
    }

    private static Path checkedIn(String service) {
        // tests run in the module's directory; the documents live at the root of the repository
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("docs"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return root.resolve("docs/openapi/" + service + ".yaml");
    }

    private static String normalise(String text) {
        String unix = text.replace("\r\n", "\n").stripTrailing();
        return unix + "\n";
    }

    private static int firstDifference(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (!left[i].equals(right[i])) {
                return i + 1;
            }
        }
        return Math.min(left.length, right.length) + 1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
