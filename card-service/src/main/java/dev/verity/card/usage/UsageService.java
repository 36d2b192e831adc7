package dev.verity.card.usage;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardOpened;
import dev.verity.card.cards.CardService;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.card.collections.Role;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Usage use cases: views (heard from {@code cards}), copies and helpdesk links, and the usage reports for authors.
 * Whoever may read a card may copy it and link it to a ticket; only its authors see its usage, and someone who may not
 * read it gets the same 404 as for the card.
 */
@ApplicationScoped
public class UsageService {

    /** The longest period one usage answer covers, in days. */
    static final int MAX_DAYS = 400;
    static final int DEFAULT_DAYS = 30;

    private final CardService cards;
    private final CollectionRoles access;
    private final UsageBuffer buffer;
    private final UsageRepository usage;
    private final PersonTokens persons;
    private final UsageConfig config;
    private final Clock clock;

    UsageService(CardService cards, CollectionRoles access, UsageBuffer buffer, UsageRepository usage,
            PersonTokens persons, UsageConfig config, Clock clock) {
        this.cards = cards;
        this.access = access;
        this.buffer = buffer;
        this.usage = usage;
        this.persons = persons;
        this.config = config;
        this.clock = clock;
    }

    /** A card was read: a view when a person read it (see {@link PersonTokens}), and view counting is on. */
    void opened(@Observes CardOpened opened) {
        if (config.countViews() && persons.isPerson()) {
            buffer.view(opened.cardId(), opened.readerId());
        }
    }

    /** Someone who may read the card copied its content. */
    public void copied(UUID cardId) {
        buffer.copy(cards.get(cardId).id);
    }

    /** Links a helpdesk ticket to the card; the same system and ticket again returns the link made first. */
    @Transactional
    public Map.Entry<UsageRepository.Link, Boolean> link(UUID cardId, String system, String ticketId, String url,
            String actor) {
        Card card = cards.get(cardId);
        return usage.link(card.id, system, ticketId, url, actor, clock.instant());
    }

    public List<UsageRepository.Link> links(UUID cardId, PageCursor after, int limit) {
        Card card = cards.get(cardId);
        return usage.links(card.id, after == null ? null : after.at(), after == null ? null : after.id(), limit);
    }

    @Transactional
    public void unlink(UUID cardId, UUID linkId) {
        Card card = cards.get(cardId);
        if (!usage.unlink(card.id, linkId, clock.instant())) {
            throw ProblemException.notFound("link", linkId + " of card " + cardId);
        }
    }

    /** One card's usage by day; for its authors (a reader gets 403, anyone else 404). */
    public CardUsage cardUsage(UUID cardId, String from, String to) {
        Card card = cards.get(cardId);
        access.require(card.collectionId, Role.AUTHOR, "card " + cardId);
        Period period = period(from, to);
        return new CardUsage(card.id, period.from(), period.to(), totals(usage.cardTotals(card.id, period.from(), period.to())),
                usage.linkCount(card.id), usage.lastViewedAt(card.id).orElse(null),
                days(usage.cardDaily(card.id, period.from(), period.to())));
    }

    /** A collection's usage by day and its most and least used cards; for its authors. */
    public CollectionUsage collectionUsage(UUID collectionId, String from, String to, int limit) {
        access.require(collectionId, Role.AUTHOR, "collection " + collectionId);
        Period period = period(from, to);
        return new CollectionUsage(collectionId, period.from(), period.to(),
                totals(usage.collectionTotals(collectionId, period.from(), period.to())),
                days(usage.collectionDaily(collectionId, period.from(), period.to())),
                ranked(usage.ranked(collectionId, period.from(), period.to(), true, limit)),
                ranked(usage.ranked(collectionId, period.from(), period.to(), false, limit)));
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    /** {@code from} and {@code to} (inclusive, UTC days); default the last 30 days, at most 400. */
    private Period period(String from, String to) {
        LocalDate last = date("to", to, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate first = date("from", from, last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw ProblemException.invalidParameter("from", "must not be after to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.invalidParameter("from", "a period covers at most " + MAX_DAYS + " days");
        }
        return new Period(first, last);
    }

    private static LocalDate date(String name, String raw, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be a date like 2026-11-30");
        }
    }

    private static UsageCounts totals(UsageRepository.Totals t) {
        return new UsageCounts(t.views(), t.uniqueViewers(), t.copies(), t.links());
    }

    private static List<UsageDay> days(List<UsageRepository.Day> days) {
        return days.stream().map(d -> new UsageDay(d.day(), d.views(), d.uniqueViewers(), d.copies(), d.links()))
                .toList();
    }

    private static List<CollectionUsage.CardUse> ranked(List<UsageRepository.CardTotals> cards) {
        return cards.stream().map(c -> new CollectionUsage.CardUse(c.cardId(), c.title(),
                new UsageCounts(c.views(), c.uniqueViewers(), c.copies(), c.links()))).toList();
    }
}
