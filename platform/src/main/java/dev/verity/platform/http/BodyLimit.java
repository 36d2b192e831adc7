package dev.verity.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Raises the request body limit of one endpoint above the service-wide {@code verity.http.max-request-body}
 * (1 MB by default). Only endpoints that stream their body (bulk imports) should carry it: every other endpoint
 * reads its whole body into memory, so its limit is what one request can cost in heap.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface BodyLimit {

    /** The largest accepted body in bytes. */
    long bytes();
}
