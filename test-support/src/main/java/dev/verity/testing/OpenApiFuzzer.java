package dev.verity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Drives every operation of the OpenAPI document a service serves ({@code /q/openapi}) with malformed requests: each
 * body field given every wrong JSON type (nested fields too), required fields left out, huge strings, odd Unicode
 * (lone surrogates, control characters, RTL overrides, emoji), huge, negative and non-finite numbers, JSON that is
 * not JSON, path and query parameters that are not what they should be, wrong content types and {@code Accept}s,
 * methods a path does not have and paths that do not exist.
 *
 * <p>What it holds every answer to: never a 5xx (nor no answer at all), and every 4xx is
 * {@code application/problem+json} whose {@code status} is the HTTP status, with a {@code title} and a
 * {@code detail}; a 405 names the allowed methods in {@code Allow}. A 2xx is fine: much odd input (an emoji
 * title) is legitimate.
 *
 * <p>Deterministic (a fixed seed picks the random ids and samples the cases) and bounded ({@link #maxPerOperation}),
 * so a run is the same every time and takes seconds.
 */
public final class OpenApiFuzzer {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String RAW = "__fuzz_raw_value__";
    private static final String PROBLEM = "application/problem+json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Raw JSON texts of each kind, to put where a field of another kind is expected. */
    private static final Map<String, List<String>> WRONG_TYPES = Map.of(
            "string", List.of("\"fuzz\""),
            "integer", List.of("42"),
            "number", List.of("4.2"),
            "boolean", List.of("true"),
            "array", List.of("[]", "[\"fuzz\", 1]"),
            "object", List.of("{}", "{\"nested\": {\"deeper\": 1}}"),
            "null", List.of("null"));

    /** String values a client might send: JSON escapes where the text would not survive Java's UTF-8 encoder. */
    private static final List<String> ODD_STRINGS = List.of(
            "\"\"", "\"   \"", "\"\\ud800\"", "\"lone low \\udc00 surrogate\"", "\"swapped \\udc00\\ud800\"",
            "\"nul \\u0000\"", "\"bell \\u0007 escape \\u001b[31m\"", "\"del \\u007f c1 \\u0085\"",
            "\"\u202eRTL override\u202c and \u200f mark\"", "\"emoji \uD83D\uDE00 \uD83D\uDC4D\uD83C\uDFFD family "
                    + "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\"",
            "\"zero\u200bwidth \ufeff bom\"", "\"combining e\u0301\u0301\u0301\u0301\"", "\"noncharacter \\uffff\"",
            "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"${jndi:ldap://127.0.0.1/x}\"", "\"%s%n%x\"",
            "\"../../etc/passwd\"", "\"" + "a".repeat(100_000) + "\"", "\"" + "\u00e9".repeat(40_000) + "\"",
            "\"" + "\uD83D\uDE00".repeat(20_000) + "\"");

    private static final List<String> ODD_NUMBERS = List.of("-1", "0", "-0.0", "1.5", "1e308", "-1e308", "1e-400",
            "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999999999999999", "1" + "0".repeat(2000));

    private static final List<String> MALFORMED_BODIES = List.of("", " ", "{", "}", "[", "{\"a\":}", "{\"a\" 1}",
            "null", "[]", "[{}]", "\"text\"", "42", "true", "{'single': 'quotes'}", "/* comment */ {}",
            "{\"x\": NaN}", "{\"x\": Infinity}", "{\"x\": -Infinity}", "{\"x\": 0x1F}", "{\"x\": 01}",
            "{\"x\": \"unterminated}", "{\"x\": \"bad escape \\q\"}", "{\"x\": \"\\u12\"}", "{} trailing",
            "{}{}", "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            "\ufeff{}");

    private static final List<String> ODD_PATH_VALUES = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "-1", "0", "99999999999999999999", "1.5", "x".repeat(3_000), "%00", "%ED%A0%80", "%FF%FE", "%2F",
            "..", "%2E%2E", "%20", "%F0%9F%98%80", "'%20OR%201=1--", "%E2%80%AE", "null", "undefined", "%7B%7D");

    private static final List<String> ODD_QUERY_VALUES = List.of("", "not-a-uuid", "-1", "0", "1.5", "abc",
            "99999999999999999999", "2147483648", "-2147483649", "NaN", "Infinity", "true", "NOPE", "%00",
            "%ED%A0%80", "%FF", "%E2%80%AE", "%F0%9F%98%80", "x".repeat(3_000), "%25", "%25zz", "a%26b%3Dc",
            "*", "\\", "%0D%0AX-Injected:%201");

    private static final List<String> ODD_HEADER_VALUES = List.of("garbage", "\"-1\"", "\"0\"",
            "\"99999999999999999999\"", "*", "W/\"1\"", "\"1\", \"2\"", "\"", "\"\"", "x".repeat(5_000));

    private final String service;
    private final Map<String, String> tokens = new TreeMap<>(Collections.reverseOrder());
    private String token;
    private long seed = 19;
    private int maxPerOperation = 120;
    private Predicate<String> skip = operationId -> false;
    private Duration timeout = Duration.ofSeconds(10);

    private OpenApiFuzzer(String service) {
        this.service = service;
    }

    public static OpenApiFuzzer of(String service) {
        return new OpenApiFuzzer(service);
    }

    /** The bearer token every request carries (but those that test authentication). */
    public OpenApiFuzzer token(String token) {
        this.token = token;
        return this;
    }

    /** A token for the operations under {@code pathPrefix} (the longest matching prefix wins). */
    public OpenApiFuzzer token(String pathPrefix, String token) {
        tokens.put(pathPrefix, token);
        return this;
    }

    public OpenApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Cases per operation, sampled with the seed when there are more. */
    public OpenApiFuzzer maxPerOperation(int max) {
        this.maxPerOperation = max;
        return this;
    }

    /** Operations not to drive at all (say why where you call it). */
    public OpenApiFuzzer skip(Predicate<String> operationId) {
        this.skip = operationId;
        return this;
    }

    /** One request: what was sent. */
    public record Case(String operation, String what, String method, String path, Map<String, String> headers,
            String body) {

        String describe() {
            String payload = body == null ? "" : "\n    payload: " + abbreviate(body, 300);
            return method + " " + abbreviate(path, 200) + " [" + operation + ": " + what + "] headers "
                    + abbreviate(headers.toString(), 200) + payload;
        }
    }

    /** What the run found. */
    public record Report(String service, int requests, Map<Integer, Integer> byStatus, List<String> failures,
            List<String> skipped, Duration took) {

        public String summary() {
            StringBuilder text = new StringBuilder("[fuzz] " + service + ": " + requests + " requests in "
                    + took.toMillis() + " ms; by status " + byStatus + "; " + failures.size() + " failures");
            if (!skipped.isEmpty()) {
                text.append("; not driven: ").append(skipped);
            }
            return text.toString();
        }

        /** Prints the summary; throws listing every failure when there is one. */
        public void assertClean() {
            System.out.println(summary());
            if (!failures.isEmpty()) {
                throw new AssertionError(summary() + "\n" + String.join("\n", failures.subList(0,
                        Math.min(60, failures.size()))) + (failures.size() > 60 ? "\n..." : ""));
            }
        }
    }

    public Report run() {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode document = fetchDocument(client, base);
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String id = op.getValue().path("operationId").asText(op.getKey() + " " + path.getKey());
                if (skip.test(id)) {
                    skipped.add(id);
                    continue;
                }
                List<Case> forOperation = new Operation(document, path.getKey(), path.getValue(), op.getKey(),
                        op.getValue(), id, random).cases();
                if (forOperation.size() > maxPerOperation) {
                    Collections.shuffle(forOperation, random);
                    forOperation = forOperation.subList(0, maxPerOperation);
                }
                cases.addAll(forOperation);
            }
            cases.addAll(pathCases(path.getKey(), path.getValue(), random));
        }
        cases.addAll(serviceCases());

        long start = System.nanoTime();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            send(client, base, c, byStatus, failures);
        }
        return new Report(service, cases.size(), byStatus, failures, skipped,
                Duration.ofNanos(System.nanoTime() - start));
    }

    // --- cases that concern a path or the whole service, not one operation -------------------------------------

    private List<Case> pathCases(String template, JsonNode item, Random random) {
        List<Case> cases = new ArrayList<>();
        String path = template.replaceAll("\\{[^}]+}", UUID.nameUUIDFromBytes(template.getBytes()).toString());
        for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
            if (!item.has(method.toLowerCase())) {
                cases.add(new Case("-", "method the path lacks", method, path, headers(path, true, null),
                        method.equals("GET") || method.equals("DELETE") ? null : "{}"));
                break;
            }
        }
        cases.add(new Case("-", "unknown sub-path", "GET", path + "/no-such-thing", headers(path, true, null), null));
        return cases;
    }

    private List<Case> serviceCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("-", "unknown path", "GET", "/no-such-path", headers("/", true, null), null));
        cases.add(new Case("-", "unknown path, no token", "GET", "/no/such/path", Map.of(), null));
        cases.add(new Case("-", "over-long URI", "GET", "/no-such-path?q=" + "x".repeat(5_000),
                headers("/", true, null), null));
        Map<String, String> big = new LinkedHashMap<>(headers("/", true, null));
        big.put("X-Fuzz", "y".repeat(30_000));
        cases.add(new Case("-", "header section too large", "GET", "/no-such-path", big, null));
        return cases;
    }

    private Map<String, String> headers(String path, boolean authenticated, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        String bearer = tokenFor(path);
        if (authenticated && bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private String tokenFor(String path) {
        for (Map.Entry<String, String> entry : tokens.entrySet()) {
            if (path.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return token;
    }

    // --- one operation -----------------------------------------------------------------------------------------

    private final class Operation {

        private final JsonNode document;
        private final String template;
        private final String method;
        private final JsonNode operation;
        private final String id;
        private final Random random;
        private final List<JsonNode> parameters = new ArrayList<>();
        private final Map<String, String> pathValues = new LinkedHashMap<>();

        Operation(JsonNode document, String template, JsonNode item, String method, JsonNode operation, String id,
                Random random) {
            this.document = document;
            this.template = template;
            this.method = method.toUpperCase();
            this.operation = operation;
            this.id = id;
            this.random = random;
            item.path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                if ("path".equals(parameter.path("in").asText())) {
                    pathValues.put(parameter.path("name").asText(),
                            encode(valueText(example(parameter.path("schema"), 0))));
                }
            }
        }

        List<Case> cases() {
            List<Case> cases = new ArrayList<>();
            String bodyType = bodyType();
            boolean streams = producesStream();
            JsonNode bodySchema = bodyType == null ? null
                    : operation.path("requestBody").path("content").path(bodyType).path("schema");
            String baseline = bodyType == null ? null : baselineBody(bodyType, bodySchema);

            // without a token, and with an Accept it cannot produce
            cases.add(request("no token", path(pathValues), baseQuery(), Map.of(), bodyType, baseline, false));
            if (produces()) {
                cases.add(request("Accept text/csv", path(pathValues), baseQuery(), Map.of("Accept", "text/csv"),
                        bodyType, baseline, true));
                cases.add(request("Accept garbage", path(pathValues), baseQuery(), Map.of("Accept", "garbage"),
                        bodyType, baseline, true));
            }
            if (streams) {
                return cases; // with good input it answers a stream that stays open: only the refusals above
            }
            cases.add(request("baseline", path(pathValues), baseQuery(), Map.of(), bodyType, baseline, true));
            parameterCases(cases, bodyType, baseline);
            if (bodyType != null) {
                contentTypeCases(cases, bodyType, baseline);
                if (isJson(bodyType) || bodyType.contains("ndjson") || bodyType.contains("jsonl")) {
                    bodyCases(cases, bodyType, bodySchema);
                }
            }
            return cases;
        }

        private void parameterCases(List<Case> cases, String bodyType, String baseline) {
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                switch (in) {
                    case "path" -> {
                        for (String odd : ODD_PATH_VALUES) {
                            Map<String, String> values = new LinkedHashMap<>(pathValues);
                            values.put(name, odd);
                            cases.add(request("path " + name + "=" + abbreviate(odd, 20), path(values), baseQuery(),
                                    Map.of(), bodyType, baseline, true));
                        }
                    }
                    case "query" -> {
                        for (String odd : ODD_QUERY_VALUES) {
                            Map<String, String> query = new LinkedHashMap<>(baseQueryMap());
                            query.put(name, odd);
                            cases.add(request("query " + name + "=" + abbreviate(odd, 20), path(pathValues),
                                    queryString(query), Map.of(), bodyType, baseline, true));
                        }
                        String twice = baseQuery() + (baseQuery().isEmpty() ? "?" : "&") + name + "=1&" + name
                                + "=2";
                        cases.add(request("query " + name + " twice", path(pathValues), twice, Map.of(), bodyType,
                                baseline, true));
                        if (parameter.path("required").asBoolean()) {
                            Map<String, String> query = new LinkedHashMap<>(baseQueryMap());
                            query.remove(name);
                            cases.add(request("query " + name + " missing", path(pathValues), queryString(query),
                                    Map.of(), bodyType, baseline, true));
                        }
                    }
                    case "header" -> {
                        for (String odd : ODD_HEADER_VALUES) {
                            cases.add(request("header " + name + "=" + abbreviate(odd, 20), path(pathValues),
                                    baseQuery(), Map.of(name, odd), bodyType, baseline, true));
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        private void contentTypeCases(List<Case> cases, String bodyType, String baseline) {
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data", "multipart/form-data; boundary=fuzz", "application/json; charset=utf-16",
                    "application/octet-stream", "*/*", "garbage", "")) {
                if (type.equals(bodyType)) {
                    continue;
                }
                cases.add(request("Content-Type '" + type + "'", path(pathValues), baseQuery(), Map.of(), type,
                        baseline, true));
            }
            cases.add(request("no Content-Type", path(pathValues), baseQuery(), Map.of(), null, baseline, true));
            if (bodyType.startsWith("multipart/")) {
                String boundary = "fuzzboundary";
                String type = "multipart/form-data; boundary=" + boundary;
                for (String body : List.of("", "--" + boundary + "--\r\n", "--wrong\r\n\r\nx\r\n--wrong--\r\n",
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.md\"\r\n"
                                + "\r\n# Title\n\nbody\r\n",
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n"
                                + "Content-Type: text/markdown\r\n\r\n\u0000\u0007\r\n--" + boundary + "--\r\n",
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--"
                                + boundary + "--\r\n")) {
                    cases.add(request("multipart " + abbreviate(body, 30), path(pathValues), baseQuery(), Map.of(),
                            type, body, true));
                }
            }
        }

        private void bodyCases(List<Case> cases, String bodyType, JsonNode schema) {
            for (String malformed : MALFORMED_BODIES) {
                cases.add(request("malformed body", path(pathValues), baseQuery(), Map.of(), bodyType, malformed,
                        true));
            }
            JsonNode baseline = example(schema, 0);
            List<Field> fields = new ArrayList<>();
            collect(schema, baseline, new ArrayList<>(), fields, 0);
            for (Field field : fields) {
                String type = type(field.schema());
                for (Map.Entry<String, List<String>> wrong : WRONG_TYPES.entrySet()) {
                    if (wrong.getKey().equals(type) || ("number".equals(type) && "integer".equals(wrong.getKey()))) {
                        continue;
                    }
                    for (String raw : wrong.getValue()) {
                        cases.add(bodyCase(field.where() + " as " + wrong.getKey(), bodyType, baseline, field.path(),
                                raw));
                    }
                }
                if ("string".equals(type)) {
                    for (String raw : ODD_STRINGS) {
                        cases.add(bodyCase(field.where() + " = " + abbreviate(raw, 24), bodyType, baseline,
                                field.path(), raw));
                    }
                } else if ("integer".equals(type) || "number".equals(type)) {
                    for (String raw : ODD_NUMBERS) {
                        cases.add(bodyCase(field.where() + " = " + abbreviate(raw, 24), bodyType, baseline,
                                field.path(), raw));
                    }
                } else if ("array".equals(type)) {
                    String item = field.schema().has("items")
                            ? valueJson(example(field.schema().path("items"), 1)) : "\"x\"";
                    cases.add(bodyCase(field.where() + " with 10000 items", bodyType, baseline, field.path(),
                            "[" + String.join(",", Collections.nCopies(10_000, item)) + "]"));
                }
                if (field.required()) {
                    JsonNode without = baseline.deepCopy();
                    JsonNode parent = at(without, field.path().subList(0, field.path().size() - 1));
                    if (parent instanceof ObjectNode object) {
                        object.remove((String) field.path().get(field.path().size() - 1));
                        cases.add(request(field.where() + " missing", path(pathValues), baseQuery(), Map.of(),
                                bodyType, valueJson(without), true));
                    }
                }
            }
            if (baseline instanceof ObjectNode object) {
                ObjectNode extra = object.deepCopy();
                extra.put("unknownFuzzField", 1);
                cases.add(request("unknown field", path(pathValues), baseQuery(), Map.of(), bodyType,
                        valueJson(extra), true));
            }
        }

        private Case bodyCase(String what, String bodyType, JsonNode baseline, List<Object> at, String raw) {
            JsonNode copy = baseline.deepCopy();
            JsonNode replaced = replace(copy, at);
            String body = valueJson(replaced).replace("\"" + RAW + "\"", raw);
            return request(what, path(pathValues), baseQuery(), Map.of(), bodyType, body, true);
        }

        private Case request(String what, String path, String query, Map<String, String> extra, String contentType,
                String body, boolean authenticated) {
            Map<String, String> headers = headers(template, authenticated, null);
            if (body != null && contentType != null && !contentType.isEmpty()) {
                headers.put("Content-Type", contentType);
            }
            for (JsonNode parameter : parameters) {
                if ("header".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                    headers.put(parameter.path("name").asText(), "\"1\"");
                }
            }
            headers.putAll(extra);
            return new Case(id, what, method, path + query, headers, body);
        }

        private String path(Map<String, String> values) {
            String path = template;
            for (Map.Entry<String, String> value : values.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            return path;
        }

        private Map<String, String> baseQueryMap() {
            Map<String, String> query = new LinkedHashMap<>();
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                    query.put(parameter.path("name").asText(),
                            encode(valueText(example(parameter.path("schema"), 0))));
                }
            }
            return query;
        }

        private String baseQuery() {
            return queryString(baseQueryMap());
        }

        private String bodyType() {
            Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
            String first = null;
            while (types.hasNext()) {
                String type = types.next();
                if (isJson(type)) {
                    return type;
                }
                first = first == null ? type : first;
            }
            return first;
        }

        private boolean produces() {
            for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
                    responses.hasNext();) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (response.getKey().startsWith("2") && response.getValue().path("content").size() > 0) {
                    return true;
                }
            }
            return false;
        }

        private boolean producesStream() {
            for (JsonNode response : operation.path("responses")) {
                if (response.path("content").has("text/event-stream")) {
                    return true;
                }
            }
            return false;
        }

        private String baselineBody(String bodyType, JsonNode schema) {
            if (bodyType.startsWith("multipart/")) {
                return "--fuzz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"fuzz.md\"\r\n\r\n"
                        + "# Fuzz\n\nbody\r\n--fuzz--\r\n";
            }
            if (isJson(bodyType) || bodyType.contains("ndjson") || bodyType.contains("jsonl")) {
                return valueJson(example(schema, 0));
            }
            return "fuzz";
        }

        // --- schemas -------------------------------------------------------------------------------------------

        private record Field(List<Object> path, JsonNode schema, boolean required) {

            String where() {
                StringBuilder text = new StringBuilder();
                for (Object step : path) {
                    text.append(step instanceof Integer index ? "[" + index + "]"
                            : (text.length() == 0 ? "" : ".") + step);
                }
                return text.toString();
            }
        }

        private void collect(JsonNode schema, JsonNode value, List<Object> path, List<Field> fields, int depth) {
            JsonNode resolved = resolve(schema);
            if (depth > 3) {
                return;
            }
            if (value instanceof ObjectNode object) {
                Set<String> required = new java.util.HashSet<>();
                resolved.path("required").forEach(name -> required.add(name.asText()));
                for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    JsonNode property = resolved.path("properties").has(name)
                            ? resolved.path("properties").path(name) : resolved.path("additionalProperties");
                    List<Object> at = new ArrayList<>(path);
                    at.add(name);
                    fields.add(new Field(at, resolve(property), required.contains(name)));
                    collect(property, object.get(name), at, fields, depth + 1);
                }
            } else if (value instanceof ArrayNode array && !array.isEmpty()) {
                List<Object> at = new ArrayList<>(path);
                at.add(0);
                fields.add(new Field(at, resolve(resolved.path("items")), false));
                collect(resolved.path("items"), array.get(0), at, fields, depth + 1);
            }
        }

        /** A plausible value: every property filled, the first enum constant, a UUID where one is wanted. */
        private JsonNode example(JsonNode schema, int depth) {
            JsonNode resolved = resolve(schema);
            if (resolved.has("enum") && resolved.path("enum").size() > 0) {
                return resolved.path("enum").get(0);
            }
            String type = type(resolved);
            if (type == null) {
                return NODES.textNode("fuzz");
            }
            return switch (type) {
                case "string" -> NODES.textNode(switch (resolved.path("format").asText()) {
                    case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
                    case "date" -> "2027-03-31";
                    case "date-time" -> "2027-03-31T10:00:00Z";
                    case "uri", "url" -> "https://example.com/fuzz";
                    case "email" -> "fuzz@example.com";
                    case "binary" -> "fuzz";
                    default -> resolved.has("pattern") && resolved.path("pattern").asText().contains("a-z")
                            ? "fuzz" : "Fuzz text";
                });
                case "integer" -> NODES.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
                case "number" -> NODES.numberNode(1.5);
                case "boolean" -> NODES.booleanNode(true);
                case "array" -> {
                    ArrayNode array = NODES.arrayNode();
                    if (depth < 4) {
                        array.add(example(resolved.path("items"), depth + 1));
                    }
                    yield array;
                }
                default -> {
                    ObjectNode object = NODES.objectNode();
                    if (depth < 4) {
                        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
                                properties.hasNext();) {
                            Map.Entry<String, JsonNode> property = properties.next();
                            if (!property.getValue().path("readOnly").asBoolean()) {
                                object.set(property.getKey(), example(property.getValue(), depth + 1));
                            }
                        }
                        if (object.isEmpty() && resolved.path("additionalProperties").isObject()) {
                            object.set("fuzz", example(resolved.path("additionalProperties"), depth + 1));
                        }
                    }
                    yield object;
                }
            };
        }

        /** Follows {@code $ref}s; keywords written beside a {@code $ref} win over the target's. */
        private JsonNode resolve(JsonNode schema) {
            JsonNode current = schema;
            for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
                String ref = current.path("$ref").asText();
                JsonNode target = document.at(ref.startsWith("#") ? ref.substring(1) : "/missing");
                ObjectNode merged = target.isObject() ? ((ObjectNode) target).deepCopy() : NODES.objectNode();
                current.fields().forEachRemaining(entry -> {
                    if (!entry.getKey().equals("$ref")) {
                        merged.set(entry.getKey(), entry.getValue());
                    }
                });
                if (current.has("$ref") && target.has("$ref")) {
                    merged.set("$ref", target.get("$ref"));
                }
                current = merged;
            }
            for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
                if (current.path(combinator).size() > 0) {
                    return resolve(current.path(combinator).get(0));
                }
            }
            return current;
        }

        private String type(JsonNode schema) {
            JsonNode resolved = resolve(schema);
            JsonNode type = resolved.path("type");
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (!"null".equals(t.asText())) {
                        return t.asText();
                    }
                }
            }
            if (type.isTextual()) {
                return type.asText();
            }
            if (resolved.has("properties")) {
                return "object";
            }
            if (resolved.has("items")) {
                return "array";
            }
            return null;
        }
    }

    // --- sending and judging -----------------------------------------------------------------------------------

    private void send(HttpClient client, URI base, Case c, Map<Integer, Integer> byStatus, List<String> failures) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + c.path())).timeout(timeout);
        c.headers().forEach(builder::header);
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body().getBytes(StandardCharsets.UTF_8));
        builder.method(c.method(), body);
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            byStatus.merge(0, 1, Integer::sum);
            failures.add("- no answer within " + timeout.toSeconds() + " s: " + c.describe());
            return;
        } catch (IOException e) {
            byStatus.merge(0, 1, Integer::sum);
            failures.add("- connection failed (" + e + "): " + c.describe());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the fuzzer built a request the HTTP client refuses: " + c.describe(),
                    e);
        }
        int status = response.statusCode();
        byStatus.merge(status, 1, Integer::sum);
        String wrong = judge(response);
        if (wrong != null) {
            failures.add("- " + wrong + ": " + c.describe() + "\n    answer: " + status + " "
                    + response.headers().firstValue("Content-Type").orElse("(no Content-Type)") + " "
                    + abbreviate(response.body(), 400));
        }
    }

    private static String judge(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + status;
        }
        if (status < 400) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(PROBLEM)) {
            return status + " without " + PROBLEM;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (IOException e) {
            return status + " whose body is not JSON";
        }
        if (problem == null || problem.path("status").asInt() != status) {
            return status + " whose problem says status " + (problem == null ? null : problem.path("status"));
        }
        if (problem.path("title").asText("").isBlank() || problem.path("detail").asText("").isBlank()) {
            return status + " problem without title or detail";
        }
        if (status == 405 && response.headers().firstValue("Allow").isEmpty()) {
            return "405 without an Allow header";
        }
        return null;
    }

    private JsonNode fetchDocument(HttpClient client, URI base) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/q/openapi?format=json")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- small helpers -----------------------------------------------------------------------------------------

    private static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** Puts the placeholder at {@code path} in {@code root}; returns the new root. */
    private static JsonNode replace(JsonNode root, List<Object> path) {
        if (path.isEmpty()) {
            return NODES.textNode(RAW);
        }
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.put((String) last, RAW);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, NODES.textNode(RAW));
        }
        return root;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.path(index) : node.path((String) step);
        }
        return node;
    }

    private static String valueJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String valueText(JsonNode node) {
        return node.isValueNode() ? node.asText() : valueJson(node);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Values are taken as written: the odd ones are already percent-encoded the way they should reach the server. */
    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("?");
        query.forEach((name, value) -> text.append(text.length() > 1 ? "&" : "").append(name).append('=')
                .append(value.replace(" ", "%20").replace("\\", "%5C")));
        return text.toString();
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }
}
