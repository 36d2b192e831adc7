package dev.verity.search.index;

import io.quarkus.elasticsearch.restclient.lowlevel.ElasticsearchClientConfig;
import jakarta.enterprise.context.Dependent;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.auth.AuthScheme;
import org.apache.http.client.AuthCache;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.auth.BasicScheme;
import org.apache.http.impl.client.BasicAuthCache;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Two per-request costs of the Elasticsearch low-level client that a search pays for nothing; together about a
 * tenth of a query instance's CPU in a profile under load (bench search-load):
 * <ul>
 *   <li>The client asks for preemptive Basic authentication by handing every request a {@link BasicAuthCache}
 *       holding a {@link BasicScheme} per node, and that cache keeps its schemes Java-serialised: each request
 *       deserialised one ({@code ObjectInputStream}). Swapped here, before the client's own interceptors read it,
 *       for a cache that hands out a fresh {@link BasicScheme} per request: the same preemptive authentication (with
 *       the configured credentials, when there are any), without the serialisation.</li>
 *   <li>Cookie management: Elasticsearch sets no cookies, yet every request ran the cookie-spec look-up.</li>
 * </ul>
 */
@ElasticsearchClientConfig
@Dependent
public class ElasticsearchHttpClient implements RestClientBuilder.HttpClientConfigCallback {

    @Override
    public HttpAsyncClientBuilder customizeHttpClient(HttpAsyncClientBuilder builder) {
        return builder.disableCookieManagement().addInterceptorFirst((HttpRequestInterceptor) (request, context) -> {
            HttpClientContext client = HttpClientContext.adapt(context);
            if (client.getAuthCache() instanceof BasicAuthCache) {
                client.setAuthCache(PreemptiveBasic.INSTANCE);
            }
        });
    }

    /** Basic authentication for every node, preemptively, as the client's own cache says; nothing is stored. */
    enum PreemptiveBasic implements AuthCache {
        INSTANCE;

        @Override
        public AuthScheme get(HttpHost host) {
            return new BasicScheme();
        }

        @Override
        public void put(HttpHost host, AuthScheme authScheme) {
        }

        @Override
        public void remove(HttpHost host) {
        }

        @Override
        public void clear() {
        }
    }
}
