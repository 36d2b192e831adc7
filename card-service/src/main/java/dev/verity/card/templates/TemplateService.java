package dev.verity.card.templates;

import dev.verity.card.cards.Card;
import dev.verity.card.cards.CardDraft;
import dev.verity.card.cards.CardService;
import dev.verity.card.cards.CardStatus;
import dev.verity.card.cards.CardWrites;
import dev.verity.card.collections.CollectionRoles;
import dev.verity.platform.http.PageCursor;
import dev.verity.platform.http.VersionTags;
import dev.verity.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Templates are shared by the whole organisation: anyone may use one and create one; its creator or an ADMIN may
 * change or delete it; built-in templates are read-only.
 */
@ApplicationScoped
public class TemplateService {

    private final TemplateRepository templates;
    private final CollectionRoles access;
    private final CardService cards;
    private final Clock clock;

    /** Templates one person may keep: enough for any team's needs, not enough to fill the database. */
    public static final int MAX_TEMPLATES_PER_USER = 100;

    TemplateService(TemplateRepository templates, CollectionRoles access, CardService cards, Clock clock) {
        this.templates = templates;
        this.access = access;
        this.cards = cards;
        this.clock = clock;
    }

    public record TemplateDraft(String name, String description, String title, String body, List<String> tags) {
    }

    @Transactional
    public Template create(TemplateDraft draft, String actor) {
        templates.lockOwner(actor);
        long mine = templates.countCreatedBy(actor);
        if (mine >= MAX_TEMPLATES_PER_USER) {
            throw new ProblemException(409, "limit-reached", "Limit reached", "you already have " + mine
                    + " templates; each person may keep at most " + MAX_TEMPLATES_PER_USER + ". Delete one first.")
                    .with("limit", "templates-per-user").with("max", MAX_TEMPLATES_PER_USER);
        }
        Instant now = clock.instant();
        Template template = new Template();
        template.id = UUID.randomUUID();
        template.version = 1;
        template.createdAt = now;
        template.createdBy = actor;
        apply(template, draft, actor);
        templates.persist(template);
        return template;
    }

    @Transactional
    public Template update(UUID id, OptionalLong expectedVersion, TemplateDraft draft, String actor) {
        Template template = changeable(id, expectedVersion);
        apply(template, draft, actor);
        template.version++;
        return template;
    }

    @Transactional
    public void delete(UUID id) {
        templates.delete(changeable(id, null));
    }

    public Template get(UUID id) {
        Template template = templates.findById(id);
        if (template == null) {
            throw ProblemException.notFound("template", id);
        }
        return template;
    }

    /** Oldest first (the built-in ones came with the schema, so they lead), one page after {@code after}. */
    public List<Template> list(PageCursor after, int limit) {
        return templates.page(after, limit);
    }

    /** A new card whose body is the template's; title and tags from the request, else from the template. */
    @Transactional
    public Card createCard(UUID templateId, UUID collectionId, List<UUID> folderIds, String title, List<String> tags,
            CardStatus status, String actor) {
        Template template = get(templateId);
        String cardTitle = title != null ? title : template.title;
        if (cardTitle == null) {
            throw ProblemException.invalidParameter("title", "must not be null: template '" + template.name
                    + "' suggests no title");
        }
        List<String> cardTags = new ArrayList<>(template.tags);
        if (tags != null) {
            cardTags.addAll(tags);
        }
        CardDraft draft = new CardDraft(cardTitle, template.body, cardTags, status == null ? CardStatus.DRAFT : status,
                null, null, null, null, null, "Created from template '" + template.name + "'");
        return cards.create(collectionId, folderIds, draft, actor);
    }

    private Template changeable(UUID id, OptionalLong expectedVersion) {
        Template template = templates.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (template == null) {
            throw ProblemException.notFound("template", id);
        }
        if (template.builtIn) {
            throw ProblemException.forbidden("template '" + template.name + "' is built in and cannot be changed;"
                    + " create your own from it instead");
        }
        if (!access.isAdmin() && !template.createdBy.equals(access.userId())) {
            throw ProblemException.forbidden("only " + template.createdBy + " (who made it) or an ADMIN may change"
                    + " template '" + template.name + "'");
        }
        if (expectedVersion != null) {
            VersionTags.requireMatch(expectedVersion, template.version, "template " + id);
        }
        return template;
    }

    private void apply(Template template, TemplateDraft draft, String actor) {
        String name = draft.name().strip();
        if (templates.nameTaken(name, template.id)) {
            throw ProblemException.conflict("a template named '" + name + "' already exists").with("field", "name");
        }
        template.name = name;
        template.description = draft.description();
        template.title = draft.title() == null ? null : draft.title().strip();
        template.body = draft.body();
        template.tags = CardWrites.normaliseTags(draft.tags());
        template.updatedAt = clock.instant();
        template.updatedBy = actor;
    }
}
