-- search-service keeps its read model in Elasticsearch; PostgreSQL only holds the platform tables
-- (processed_event for idempotent consumption). This marker keeps the service's own migration history.
CREATE TABLE search_index_state (
    alias      VARCHAR(100) PRIMARY KEY,
    index_name VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
