package dev.verity.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full state of a card at one version: consumers build their read models from it and never call back.
 *
 * @param id                       card id (also the Kafka record key and the CloudEvents subject)
 * @param version                  monotonically increasing per card; consumers drop anything older than what they hold
 * @param title                    plain text, at most 200 characters
 * @param body                     Markdown source
 * @param tags                     lower-case tags, possibly empty
 * @param status                   DRAFT, PUBLISHED or ARCHIVED
 * @param authorId                 user id of the creator
 * @param verifierId               user or group id responsible for keeping the card true
 * @param verificationIntervalDays how often the card must be re-verified
 * @param createdAt                creation time
 * @param updatedAt                time of this version
 */
public record CardSnapshot(
        UUID id,
        long version,
        String title,
        String body,
        List<String> tags,
        String status,
        String authorId,
        String verifierId,
        int verificationIntervalDays,
        Instant createdAt,
        Instant updatedAt) {
}
