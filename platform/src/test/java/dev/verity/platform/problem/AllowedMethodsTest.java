package dev.verity.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Path("/cards")
    public static class Cards {
        @GET
        public void list() {
        }

        @POST
        public void create() {
        }

        @PUT
        @Path("{id}")
        public void replace() {
        }

        @DELETE
        @Path("/{id}/")
        public void delete() {
        }

        @POST
        @Path("{id}/files/{name: .+}")
        public void upload() {
        }

        @Path("{id}/locator")
        public Object locator() {
            return null;
        }
    }

    @Path("/cards/{cardId}/comments")
    public static class Comments {
        @GET
        public void list() {
        }
    }

    private static Set<String> on(String path) {
        return AllowedMethods.on(List.of(Cards.class, Comments.class), path);
    }

    @Test
    void aCollectionPathAllowsItsMethodsWithHeadBesideGetAndOptionsAlways() {
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), on("/cards"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), on("/cards/"));
    }

    @Test
    void templatesMatchOneSegmentUnlessTheyNameARegex() {
        assertEquals(Set.of("DELETE", "OPTIONS", "PUT"), on("/cards/42"));
        assertEquals(Set.of("OPTIONS", "POST"), on("/cards/42/files/a/b.md"));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), on("/cards/42/comments"));
    }

    @Test
    void aPathNoResourceMethodServesAllowsNothing() {
        assertEquals(Set.of(), on("/cards/42/unknown"));
        assertEquals(Set.of(), on("/cards/42/locator"));
    }

    @Test
    void theHeaderListsMethodsInOrder() {
        assertEquals("GET, HEAD, OPTIONS, POST", AllowedMethods.header(on("/cards")));
    }
}
