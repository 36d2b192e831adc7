package dev.verity.card.announcements;

import java.time.Instant;
import java.util.List;

/**
 * An announcement as one person may see it: its author and the collection's other AUTHORs see the counts and every
 * recipient ({@code counts}, {@code recipients}); a recipient sees their own acknowledgement ({@code received}).
 */
public record AnnouncementView(Announcement announcement, String cardTitle, long cardVersion,
        AnnouncementRepository.Counts counts, List<AnnouncementRepository.Recipient> recipients,
        AnnouncementRepository.Received received, Instant nextReminderAt) {
}
