package dev.verity.notification.preferences;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a user's daily digest goes out: their hour in their time zone, and the next time that comes round. */
@Entity
@Table(name = "digest_schedule")
public class DigestSchedule extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public int hour;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "next_due_at", nullable = false)
    public Instant nextDueAt;

    public static DigestSchedule of(String userId) {
        DigestSchedule schedule = new DigestSchedule();
        schedule.userId = userId;
        return schedule;
    }

    /** Sets the hour and zone; the next digest is the first time that hour comes round after {@code now}. */
    public void at(int digestHour, ZoneId zone, Instant now) {
        hour = digestHour;
        timeZone = zone.getId();
        nextDueAt = nextAfter(now);
    }

    /** The first time after {@code now} that the hour starts in the zone (a day on after a digest is sent). */
    public Instant nextAfter(Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(timeZone));
        ZonedDateTime candidate = local.toLocalDate().atStartOfDay(local.getZone()).withHour(hour);
        return (candidate.toInstant().isAfter(now) ? candidate : candidate.plusDays(1)).toInstant();
    }
}
