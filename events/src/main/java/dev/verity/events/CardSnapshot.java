package dev.verity.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The full state of a card at one version: consumers build their read models from it and never call back.
 *
 * @param id                       card id (also the Kafka record key and the CloudEvents subject)
 * @param version                  monotonically increasing per card; consumers drop anything older than what they hold
 * @param title                    plain text, at most 200 characters
 * @param body                     Markdown source (CommonMark + GFM), at most 100,000 characters. Events carry only
 *                                 the source, not a rendering, so a card always fits one Kafka record; render it
 *                                 with any CommonMark library, sanitising raw HTML, or read {@code bodyHtml} from
 *                                 card-service's {@code GET /cards/{id}}
 * @param tags                     lower-case tags, possibly empty
 * @param status                   DRAFT, PUBLISHED or ARCHIVED
 * @param authorId                 user id of the creator
 * @param verifierId               user or group id responsible for keeping the card true
 * @param verificationIntervalDays how often the card must be re-verified (7, 14, 30, 90, 180 or 365)
 * @param createdAt                creation time
 * @param updatedAt                time of this version
 * @param collectionId             the collection the card lives in (its access list decides who sees it)
 * @param folderIds                folders of that collection the card sits in, possibly empty
 * @param slug                     stable, URL-safe name, unique across cards; never changes after creation
 * @param ownerId                  user accountable for the card's content (the creator unless reassigned)
 * @param sourceUrl                where the knowledge was captured from (a chat permalink, a document), or null
 * @param verifyOn                 a fixed date the card must be verified by instead of the interval, or null
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
        Instant updatedAt,
        UUID collectionId,
        List<UUID> folderIds,
        String slug,
        String ownerId,
        String sourceUrl,
        LocalDate verifyOn) {
}
