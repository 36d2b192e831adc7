package dev.verity.card.imports;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bulk import limits. Uploads are the one large request card-service takes, so they are bounded in every
 * dimension: size per upload and per document, documents per upload, uploads at once, unfinished jobs per user.
 */
@ConfigMapping(prefix = "verity.import")
public interface ImportConfig {

    /** Largest upload (also {@code quarkus.http.limits.max-body-size}, the HTTP server's outer bound). */
    @WithDefault("64M")
    MemorySize maxUploadSize();

    /** Largest single document: one NDJSON line or one Markdown file. Bigger ones are recorded as failed, unread. */
    @WithDefault("1M")
    MemorySize maxDocumentSize();

    /** Documents per upload. */
    @WithDefault("50000")
    int maxItems();

    /** Uploads being received at the same time, across all users. */
    @WithDefault("4")
    int maxConcurrentUploads();

    /** Uploads being received at the same time by one user. */
    @WithDefault("2")
    int maxConcurrentUploadsPerUser();

    /** Jobs of one user that are not yet COMPLETED; another upload waits until one finishes. */
    @WithDefault("5")
    int maxUnfinishedJobsPerUser();

    /** How often the scheduler looks for unfinished jobs (after a restart, or a job another instance left). */
    @WithDefault("5s")
    Duration resumeEvery();
}
