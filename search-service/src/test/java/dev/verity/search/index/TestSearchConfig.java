package dev.verity.search.index;

/** A {@link SearchConfig} for a {@link CardIndex} a test builds itself: its own alias, one shard, no replica. */
record TestSearchConfig(String alias, Analysis analysis) implements SearchConfig {

    TestSearchConfig(String alias) {
        this(alias, Analysis.SERVICE);
    }

    @Override
    public int replicas() {
        return 0;
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public SearchMode mode() {
        return SearchMode.ALL;
    }

    @Override
    public java.util.Optional<String> cursorKey() {
        return java.util.Optional.empty();
    }

    @Override
    public String refreshInterval() {
        return "1s";
    }
}
