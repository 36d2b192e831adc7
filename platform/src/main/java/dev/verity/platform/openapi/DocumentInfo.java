package dev.verity.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * What a document says about where it is served and under which terms. The server is relative ({@code /}): each
 * service is reached at an address only its deployment knows (localhost:8081 under {@code ./verity run}, an ingress
 * in production), so a client resolves it against the address it read the document from, and a generated client's
 * base path stays configurable. A service may still name its servers ({@code quarkus.smallrye-openapi.servers});
 * then they are kept.
 */
public class DocumentInfo implements OASFilter {

    /** Verity is not published under an open-source licence (the repository has no LICENSE file). */
    static final String LICENSE_NAME = "Proprietary";
    static final String LICENSE_IDENTIFIER = "LicenseRef-Verity-Proprietary";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/")
                    .description("This service, at the address this document was read from"));
        }
        if (openAPI.getInfo() != null && openAPI.getInfo().getLicense() == null) {
            openAPI.getInfo().license(OASFactory.createLicense().name(LICENSE_NAME).identifier(LICENSE_IDENTIFIER));
        }
    }
}
