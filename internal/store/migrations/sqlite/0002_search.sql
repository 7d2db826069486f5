-- 0002_search: the full-text search index. Keep in step with ../postgres/0002_search.sql.
--
-- search_documents holds one row per searchable thing (a published activity,
-- its outcome report, each of its breakout tables, a body, a theme) with its
-- text and the terms computed from it in Go (internal/fulltext: accents
-- folded, Italian stemming), because SQLite has no Italian stemmer. The store
-- rewrites an item's rows in the same transaction as every write to it.
-- search_index is an FTS5 index over the terms, kept in step by triggers.

CREATE TABLE search_documents (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('activity', 'report', 'table', 'body', 'theme')),
    activity_id   INTEGER REFERENCES activities (id) ON DELETE CASCADE,
    table_id      INTEGER REFERENCES breakout_tables (id) ON DELETE CASCADE,
    body_id       INTEGER REFERENCES bodies (id) ON DELETE CASCADE,
    theme_id      INTEGER REFERENCES themes (id) ON DELETE CASCADE,
    type_id       INTEGER REFERENCES activity_types (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    title_terms   TEXT NOT NULL DEFAULT '',
    content_terms TEXT NOT NULL DEFAULT ''
);
CREATE INDEX search_documents_activity ON search_documents (activity_id);
CREATE INDEX search_documents_body ON search_documents (body_id);
CREATE INDEX search_documents_theme ON search_documents (theme_id);
CREATE INDEX search_documents_kind ON search_documents (kind, type_id);

CREATE VIRTUAL TABLE search_index USING fts5(
    title_terms, content_terms,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_index (rowid, title_terms, content_terms) VALUES (new.id, new.title_terms, new.content_terms);
END;
CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title_terms, content_terms) VALUES ('delete', old.id, old.title_terms, old.content_terms);
END;
CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title_terms, content_terms) VALUES ('delete', old.id, old.title_terms, old.content_terms);
    INSERT INTO search_index (rowid, title_terms, content_terms) VALUES (new.id, new.title_terms, new.content_terms);
END;
