package dev.verity.card.usage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether the bearer token of the current request is a person's: a service account or a bot (a helpdesk
 * integration, a chat bot answering from cards, a crawler) reads cards too, and its reads are not views. A token is
 * not a person's when its {@code groups} hold one of {@link UsageConfig#nonPersonGroups()} or its subject starts with
 * one of {@link UsageConfig#nonPersonSubjectPrefixes()}.
 */
@ApplicationScoped
public class PersonTokens {

    private final JsonWebToken jwt;
    private final UsageConfig config;

    PersonTokens(JsonWebToken jwt, UsageConfig config) {
        this.jwt = jwt;
        this.config = config;
    }

    public boolean isPerson() {
        String subject = jwt.getSubject();
        if (subject == null) {
            return false;
        }
        for (String prefix : config.nonPersonSubjectPrefixes()) {
            if (!prefix.isEmpty() && subject.startsWith(prefix)) {
                return false;
            }
        }
        Set<String> groups = jwt.getGroups();
        return groups == null || groups.stream().noneMatch(config.nonPersonGroups()::contains);
    }
}
