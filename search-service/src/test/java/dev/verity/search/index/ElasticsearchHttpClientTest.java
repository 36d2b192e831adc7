package dev.verity.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client keeps authenticating preemptively, and ignores cookies, after {@link ElasticsearchHttpClient}. */
class ElasticsearchHttpClientTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> cookies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            cookies.add(String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
            exchange.getResponseHeaders().add("Set-Cookie", "session=abc; Path=/");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyRequestCarriesTheCredentialsFromTheFirstOnAndNoCookie() throws Exception {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials("elastic", "s3cret"));
        try (RestClient client = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort()))
                .setHttpClientConfigCallback(builder -> new ElasticsearchHttpClient()
                        .customizeHttpClient(builder.setDefaultCredentialsProvider(credentials)))
                .build()) {
            for (int i = 0; i < 3; i++) {
                client.performRequest(new Request("GET", "/cards/_search"));
            }
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8));
        // preemptive: never a 401 round trip first, so no request goes out without them
        assertEquals(List.of(basic, basic, basic), authorizations);
        assertEquals(List.of("null", "null", "null"), cookies, "a cookie the server set is never sent back");
    }

    @Test
    void withoutCredentialsNothingIsSent() throws Exception {
        try (RestClient client = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort()))
                .setHttpClientConfigCallback(builder -> new ElasticsearchHttpClient().customizeHttpClient(builder))
                .build()) {
            client.performRequest(new Request("GET", "/cards/_search"));
        }
        assertEquals(List.of("null"), authorizations);
    }
}
