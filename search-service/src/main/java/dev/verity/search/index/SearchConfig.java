package dev.verity.search.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "verity.search")
public interface SearchConfig {

    /** The alias every read and write goes through; the concrete index is {@code <alias>-v<mapping version>}. */
    @WithDefault("cards")
    String alias();

    /** 0 on a single node (the local stack); 1+ on a real cluster so a node loss loses no shard. */
    @WithDefault("0")
    int replicas();

    @WithDefault("1")
    int shards();

    /**
     * {@code all} (default), {@code query} (answers searches, consumes nothing) or {@code index} (consumes and
     * indexes, refuses searches): ops scale query and indexing Deployments apart from one image. Lower case: the
     * channels' {@code enabled} keys are derived from it in application.properties
     * ({@code verity.search-modes.<mode>.consumes}).
     */
    @WithDefault("all")
    SearchMode mode();

    /**
     * {@code service} (default) or {@code elasticsearch}: who stems English and Italian words (see {@link Analysis}).
     * Switching to {@code elasticsearch} adds the language sub-fields to the mapping at startup; run a rebuild
     * ({@code POST /search/admin/rebuilds}) so that documents indexed before have them too.
     */
    @WithDefault("service")
    Analysis analysis();

    /**
     * The secret that seals search cursors (AES-GCM, {@link SearchCursors}). Unset: a random key generated once and
     * kept in the search database, shared by every instance. Set it (from a Secret) to rotate: cursors sealed under
     * the old key then answer 400 and the client starts from the first page.
     */
    Optional<String> cursorKey();

    /** How soon an indexed card is searchable. */
    @WithDefault("1s")
    String refreshInterval();
}
