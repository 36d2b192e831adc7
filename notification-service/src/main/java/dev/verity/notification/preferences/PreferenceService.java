package dev.verity.notification.preferences;

import dev.verity.notification.inbox.NotificationType;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.jpa.HibernateHints;

/** Users' choices of channel and mode per notification type, with the defaults for what they did not choose. */
@ApplicationScoped
public class PreferenceService {

    /** Where a digest hour is read when the user names no time zone. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private final EmailDefaults email;
    private final ChatDefaults chat;
    private final Clock clock;

    PreferenceService(EmailDefaults email, ChatDefaults chat, Clock clock) {
        this.email = email;
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * The default of a channel: the inbox shows everything, email is {@code verity.notification.email.default-mode},
     * chat {@code verity.notification.chat.default-mode} (only users who set a chat webhook get chat messages).
     */
    public Mode defaultMode(Channel channel) {
        return switch (channel) {
            case INBOX -> Mode.IMMEDIATE;
            case EMAIL -> email.defaultMode();
            case CHAT -> chat.defaultMode();
        };
    }

    /**
     * Each user's mode of each channel for {@code type}, defaults included;
     * one query for them all (a batch of events asks this per type, not per type and channel).
     */
    public Map<Channel, Map<String, Mode>> modesOfEveryChannel(Collection<String> userIds, NotificationType type) {
        Map<Channel, Map<String, Mode>> modes = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            modes.put(channel, new HashMap<>());
        }
        if (!userIds.isEmpty()) {
            NotificationPreference.<NotificationPreference>find("key.userId in ?1 and key.type = ?2", userIds, type)
                    .withHint(HibernateHints.HINT_READ_ONLY, true).list()
                    .forEach(preference -> modes.get(preference.key.channel).put(preference.key.userId,
                            preference.mode));
        }
        modes.forEach((channel, byUser) -> userIds.forEach(user -> byUser.putIfAbsent(user, defaultMode(channel))));
        return modes;
    }

    /** Every type and channel of the user, defaults filled in. */
    public PreferencesDocument of(String userId) {
        Map<NotificationType, Map<Channel, Mode>> chosen = new EnumMap<>(NotificationType.class);
        NotificationPreference.<NotificationPreference>list("key.userId", userId).forEach(preference -> chosen
                .computeIfAbsent(preference.key.type, t -> new EnumMap<>(Channel.class))
                .put(preference.key.channel, preference.mode));
        Map<String, PreferencesDocument.ChannelModes> types = new LinkedHashMap<>();
        for (NotificationType type : NotificationType.values()) {
            Map<Channel, Mode> modes = chosen.getOrDefault(type, Map.of());
            types.put(type.name(), new PreferencesDocument.ChannelModes(
                    modes.getOrDefault(Channel.INBOX, defaultMode(Channel.INBOX)).name(),
                    modes.getOrDefault(Channel.EMAIL, defaultMode(Channel.EMAIL)).name(),
                    modes.getOrDefault(Channel.CHAT, defaultMode(Channel.CHAT)).name()));
        }
        DigestSchedule schedule = DigestSchedule.findById(userId);
        return new PreferencesDocument(schedule == null ? email.defaultDigestHour() : schedule.hour,
                schedule == null ? DEFAULT_ZONE.getId() : schedule.timeZone, types);
    }

    /**
     * Replaces the user's preferences: whatever the document leaves out gets its default. The digest's next time
     * is the first time the chosen hour comes round from now.
     */
    @Transactional
    public PreferencesDocument replace(String userId, PreferencesDocument document) {
        if (document == null) {
            throw ProblemException.badRequest("a preferences document is required");
        }
        int hour = document.digestHour() == null ? email.defaultDigestHour() : document.digestHour();
        if (hour < 0 || hour > 23) {
            throw ProblemException.invalidParameter("digestHour", "must be a whole hour from 0 to 23, got " + hour);
        }
        ZoneId zone = zone(document.timeZone());
        List<NotificationPreference> rows = new java.util.ArrayList<>();
        Map<String, PreferencesDocument.ChannelModes> types = document.types() == null ? Map.of() : document.types();
        types.forEach((name, modes) -> {
            NotificationType type = type(name);
            if (modes == null) {
                return;
            }
            Mode inbox = mode("types." + name + ".inbox", modes.inbox());
            if (inbox == Mode.DIGEST) {
                throw ProblemException.invalidParameter("types." + name + ".inbox",
                        "must be IMMEDIATE or OFF: the digest is an email");
            }
            Mode email = mode("types." + name + ".email", modes.email());
            Mode chatMode = mode("types." + name + ".chat", modes.chat());
            if (chatMode == Mode.DIGEST) {
                throw ProblemException.invalidParameter("types." + name + ".chat",
                        "must be IMMEDIATE or OFF: the digest is an email");
            }
            if (inbox != null) {
                rows.add(NotificationPreference.of(userId, type, Channel.INBOX, inbox));
            }
            if (email != null) {
                rows.add(NotificationPreference.of(userId, type, Channel.EMAIL, email));
            }
            if (chatMode != null) {
                rows.add(NotificationPreference.of(userId, type, Channel.CHAT, chatMode));
            }
        });
        NotificationPreference.delete("key.userId", userId);
        NotificationPreference.flush(); // the deletes first: the new rows reuse their keys
        rows.forEach(row -> row.persist());
        DigestSchedule schedule = DigestSchedule.findById(userId);
        if (schedule == null) {
            schedule = DigestSchedule.of(userId);
            schedule.at(hour, zone, clock.instant());
            schedule.persist();
        } else {
            schedule.at(hour, zone, clock.instant());
        }
        return of(userId);
    }

    private static ZoneId zone(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalidParameter("timeZone",
                    "must be an IANA time zone such as Europe/Rome or UTC, got '" + raw + "'");
        }
    }

    private static NotificationType type(String name) {
        try {
            return NotificationType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("types." + name, "is not a notification type; known: "
                    + java.util.Arrays.toString(NotificationType.values()));
        }
    }

    private static Mode mode(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Mode.valueOf(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(field, "must be IMMEDIATE, DIGEST or OFF, got '" + raw + "'");
        }
    }
}
