-- 0008_registry: what the network shares. Each body's regulation on shared
-- administration becomes a record of its own (with its revisions), and the
-- registry of pacts (patti di collaborazione), the library of good practices
-- and the training materials of activities are added. Attachments and search
-- documents learn the new owners.
-- Keep in step with ../postgres/0008_registry.sql.

-- Regulations. No row means "not known"; a row says adopted or not adopted.
CREATE TABLE regulations (
    id         INTEGER PRIMARY KEY,
    body_id    INTEGER NOT NULL UNIQUE REFERENCES bodies (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('adopted', 'not_adopted')),
    title      TEXT NOT NULL DEFAULT '',
    act_number TEXT NOT NULL DEFAULT '',
    act_date   DATE,
    url        TEXT NOT NULL DEFAULT '',
    offices    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX regulations_status ON regulations (status, act_date);

CREATE TABLE regulation_revisions (
    id            INTEGER PRIMARY KEY,
    regulation_id INTEGER NOT NULL REFERENCES regulations (id) ON DELETE CASCADE,
    act_number    TEXT NOT NULL DEFAULT '',
    act_date      DATE NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regulation_revisions_regulation ON regulation_revisions (regulation_id, act_date, id);

-- Today's values: a body with a regulation date (or the flag set) becomes
-- adopted; every other body has no record, since "not adopted" was only the
-- default of the column and is not known.
INSERT INTO regulations (body_id, status, act_date, created_at, updated_at)
SELECT id, 'adopted', regulation_adopted_on, updated_at, updated_at FROM bodies
WHERE regulation_adopted_on IS NOT NULL OR regulation_adopted;
ALTER TABLE bodies DROP COLUMN regulation_adopted;
ALTER TABLE bodies DROP COLUMN regulation_adopted_on;

-- Kinds of commons: data, extensible by coordinators.
CREATE TABLE commons_kinds (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO commons_kinds (slug, name, position) VALUES
    ('area-verde', 'Area verde', 1), ('piazza-strada', 'Piazza o strada', 2), ('edificio', 'Edificio', 3),
    ('scuola', 'Scuola', 4), ('bene-culturale', 'Bene culturale', 5), ('bene-immateriale', 'Bene immateriale', 6),
    ('altro', 'Altro', 7);

-- Types of pact as a body's regulation names them; body_id NULL are the
-- network's defaults, offered to every body without types of its own.
CREATE TABLE pact_types (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER REFERENCES bodies (id) ON DELETE CASCADE,
    slug     TEXT NOT NULL,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX pact_types_body_slug ON pact_types (COALESCE(body_id, 0), slug);
INSERT INTO pact_types (body_id, slug, name, position) VALUES
    (NULL, 'ordinario', 'Ordinario (semplice)', 1), (NULL, 'complesso', 'Complesso', 2), (NULL, 'altro', 'Altro', 3);

CREATE TABLE pacts (
    id                 INTEGER PRIMARY KEY,
    body_id            INTEGER NOT NULL REFERENCES bodies (id),
    slug               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL DEFAULT '',
    commons_kind_id    INTEGER REFERENCES commons_kinds (id),
    pact_type_id       INTEGER REFERENCES pact_types (id),
    address            TEXT NOT NULL DEFAULT '',
    municipality_istat TEXT NOT NULL DEFAULT '',
    municipality       TEXT NOT NULL DEFAULT '',
    neighbourhood      TEXT NOT NULL DEFAULT '',
    district           TEXT NOT NULL DEFAULT '',
    latitude           REAL,
    longitude          REAL,
    proposer_kind      TEXT CHECK (proposer_kind IN ('privato_cittadino', 'gruppo_informale', 'associazione', 'comitato', 'ente_terzo_settore', 'scuola', 'impresa')),
    proposer_count     INTEGER CHECK (proposer_count >= 0),
    proposer_orgs      TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('proposta', 'istruttoria', 'in_attesa_integrazione', 'respinta', 'sottoscritto', 'in_corso', 'prorogato', 'concluso', 'archiviato')),
    status_on          DATE,
    signed_on          DATE,
    duration_months    INTEGER CHECK (duration_months > 0),
    ends_on            DATE,
    year               INTEGER,
    act_number         TEXT NOT NULL DEFAULT '',
    act_date           DATE,
    act_url            TEXT NOT NULL DEFAULT '',
    monitoring         TEXT NOT NULL DEFAULT '',
    results            TEXT NOT NULL DEFAULT '',
    published          BOOLEAN NOT NULL DEFAULT FALSE,
    source_id          TEXT,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pacts_source ON pacts (body_id, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX pacts_list ON pacts (published, id);
CREATE INDEX pacts_body ON pacts (body_id, published, status, id);
CREATE INDEX pacts_status ON pacts (published, status, id);
CREATE INDEX pacts_year ON pacts (published, year, id);
CREATE INDEX pacts_kind ON pacts (published, commons_kind_id, id);
CREATE INDEX pacts_type ON pacts (published, pact_type_id, id);

CREATE TABLE pact_status_changes (
    id         INTEGER PRIMARY KEY,
    pact_id    INTEGER NOT NULL REFERENCES pacts (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    changed_on DATE NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pact_status_changes_pact ON pact_status_changes (pact_id, changed_on, id);

CREATE TABLE pact_themes (
    pact_id  INTEGER NOT NULL REFERENCES pacts (id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    PRIMARY KEY (pact_id, theme_id)
);
CREATE INDEX pact_themes_theme ON pact_themes (theme_id, pact_id);

CREATE TABLE pact_activities (
    pact_id     INTEGER NOT NULL REFERENCES pacts (id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    PRIMARY KEY (pact_id, activity_id)
);
CREATE INDEX pact_activities_activity ON pact_activities (activity_id);

-- Good practices.
CREATE TABLE practices (
    id             INTEGER PRIMARY KEY,
    body_id        INTEGER NOT NULL REFERENCES bodies (id),
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    problem        TEXT NOT NULL DEFAULT '',
    actions        TEXT NOT NULL DEFAULT '',
    tools          TEXT NOT NULL DEFAULT '',
    results        TEXT NOT NULL DEFAULT '',
    contact_office TEXT NOT NULL DEFAULT '',
    published      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX practices_list ON practices (published, id);
CREATE INDEX practices_body ON practices (body_id, published, id);

CREATE TABLE practice_themes (
    practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
    theme_id    INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    PRIMARY KEY (practice_id, theme_id)
);
CREATE INDEX practice_themes_theme ON practice_themes (theme_id, practice_id);

CREATE TABLE practice_links (
    practice_id INTEGER NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
    pact_id     INTEGER REFERENCES pacts (id) ON DELETE CASCADE,
    activity_id INTEGER REFERENCES activities (id) ON DELETE CASCADE,
    CHECK ((pact_id IS NULL) <> (activity_id IS NULL))
);
CREATE UNIQUE INDEX practice_links_unique ON practice_links (practice_id, COALESCE(pact_id, 0), COALESCE(activity_id, 0));

-- Recordings of an activity's training (slides and handouts are attachments
-- in the section 'training').
CREATE TABLE training_links (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    url         TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX training_links_activity ON training_links (activity_id, position, id);

-- Attachments belong to exactly one owner: an activity, a pact, a regulation
-- or a practice. SQLite cannot relax NOT NULL in place: rebuild the table.
CREATE TABLE attachments_new (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER REFERENCES activities (id) ON DELETE CASCADE,
    pact_id       INTEGER REFERENCES pacts (id) ON DELETE CASCADE,
    regulation_id INTEGER REFERENCES regulations (id) ON DELETE CASCADE,
    practice_id   INTEGER REFERENCES practices (id) ON DELETE CASCADE,
    section       TEXT NOT NULL CHECK (section IN ('activity', 'outcome', 'training', 'pact', 'photo', 'regulation', 'practice')),
    filename      TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    CHECK ((activity_id IS NOT NULL) + (pact_id IS NOT NULL) + (regulation_id IS NOT NULL) + (practice_id IS NOT NULL) = 1)
);
INSERT INTO attachments_new (id, activity_id, section, filename, title, content_type, size, sha256, data, created_at)
SELECT id, activity_id, section, filename, title, content_type, size, sha256, data, created_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_activity ON attachments (activity_id, section, id);
CREATE INDEX attachments_pact ON attachments (pact_id, section, id);
CREATE INDEX attachments_regulation ON attachments (regulation_id, id);
CREATE INDEX attachments_practice ON attachments (practice_id, id);

-- Search documents for pacts, regulations and practices: rebuild the table
-- (a new CHECK) keeping its rows, then the FTS5 index over it.
DROP TRIGGER search_documents_insert;
DROP TRIGGER search_documents_delete;
DROP TRIGGER search_documents_update;
DROP TABLE search_index;
CREATE TABLE search_documents_new (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('activity', 'report', 'table', 'body', 'theme', 'pact', 'regulation', 'practice')),
    activity_id   INTEGER REFERENCES activities (id) ON DELETE CASCADE,
    table_id      INTEGER REFERENCES breakout_tables (id) ON DELETE CASCADE,
    body_id       INTEGER REFERENCES bodies (id) ON DELETE CASCADE,
    theme_id      INTEGER REFERENCES themes (id) ON DELETE CASCADE,
    type_id       INTEGER REFERENCES activity_types (id) ON DELETE CASCADE,
    pact_id       INTEGER REFERENCES pacts (id) ON DELETE CASCADE,
    regulation_id INTEGER REFERENCES regulations (id) ON DELETE CASCADE,
    practice_id   INTEGER REFERENCES practices (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    title_terms   TEXT NOT NULL DEFAULT '',
    content_terms TEXT NOT NULL DEFAULT ''
);
INSERT INTO search_documents_new (id, kind, activity_id, table_id, body_id, theme_id, type_id, title, content, title_terms, content_terms)
SELECT id, kind, activity_id, table_id, body_id, theme_id, type_id, title, content, title_terms, content_terms FROM search_documents;
DROP TABLE search_documents;
ALTER TABLE search_documents_new RENAME TO search_documents;
CREATE INDEX search_documents_activity ON search_documents (activity_id);
CREATE INDEX search_documents_body ON search_documents (body_id);
CREATE INDEX search_documents_theme ON search_documents (theme_id);
CREATE INDEX search_documents_kind ON search_documents (kind, type_id);
CREATE INDEX search_documents_pact ON search_documents (pact_id);
CREATE INDEX search_documents_regulation ON search_documents (regulation_id);
CREATE INDEX search_documents_practice ON search_documents (practice_id);
CREATE VIRTUAL TABLE search_index USING fts5(
    title_terms, content_terms,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (search_index) VALUES ('rebuild');
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

-- The data version cached figures depend on moves with the registry too.
CREATE TRIGGER insight_dv_regulations_insert AFTER INSERT ON regulations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_regulations_update AFTER UPDATE ON regulations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_regulations_delete AFTER DELETE ON regulations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_pacts_insert AFTER INSERT ON pacts BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_pacts_update AFTER UPDATE ON pacts BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_pacts_delete AFTER DELETE ON pacts BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_practices_insert AFTER INSERT ON practices BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_practices_update AFTER UPDATE ON practices BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_practices_delete AFTER DELETE ON practices BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
