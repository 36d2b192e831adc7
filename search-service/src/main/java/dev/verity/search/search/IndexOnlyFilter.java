package dev.verity.search.search;

import dev.verity.platform.problem.ProblemException;
import dev.verity.search.index.SearchConfig;
import dev.verity.search.index.SearchMode;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * An index-only instance ({@code verity.search.mode=index}) refuses searches with 503, so a misrouted request says
 * where to go instead of answering from an instance sized for indexing. Index rebuilds ({@code /search/admin}) are
 * operations, not searches: any instance runs them.
 */
@Provider
public class IndexOnlyFilter implements ContainerRequestFilter {

    // looked up per request: JAX-RS providers are built at static init, before runtime configuration exists
    private final Instance<SearchConfig> config;

    IndexOnlyFilter(Instance<SearchConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (config.get().mode() == SearchMode.INDEX && request.getUriInfo().getPath().startsWith("/search")
                && !request.getUriInfo().getPath().startsWith("/search/admin")) {
            throw new ProblemException(503, "index-only", "This instance only indexes",
                    "verity.search.mode=index: send searches to an instance in mode query or all");
        }
    }
}
