-- Documents are identified by the SHA-256 of their bytes; `path` is the last path they were indexed from.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT    NOT NULL UNIQUE,
    path          TEXT    NOT NULL,
    url           TEXT,
    title         TEXT,
    author        TEXT,
    outlet        TEXT,
    dateline      TEXT,
    published     TEXT,                 -- ISO date or NULL
    date_source   TEXT    NOT NULL CHECK (date_source IN ('manifest', 'text', 'page', 'feed', 'unknown')),
    approximate   INTEGER NOT NULL DEFAULT 0,
    page_date     TEXT,                 -- a lone date on the page (maybe its crawl date), kept for inspection
    text          TEXT    NOT NULL,     -- the file's text as read (decoded); every offset points into it
    ingested_at   TEXT    NOT NULL      -- UTC ISO timestamp; the digest's watermark
);
CREATE INDEX documents_path ON documents (path);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE paragraphs (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    UNIQUE (document_id, seq)
);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    UNIQUE (document_id, seq)
);

-- One model's vectors at a time are queried; rows of other models are ignored, never mixed.
CREATE TABLE models (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE,
    dimension INTEGER NOT NULL
);

CREATE TABLE embeddings (
    sentence_id  INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    model_id     INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    content_hash TEXT    NOT NULL,     -- SHA-256 of the embedded text, so re-embedding skips unchanged text
    vector       BLOB    NOT NULL,     -- float32, normalised
    PRIMARY KEY (sentence_id, model_id)
) WITHOUT ROWID;

CREATE TABLE statements (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,    -- order in the article
    kind           TEXT    NOT NULL CHECK (kind IN ('quote', 'reported', 'stance', 'denial')),
    party          TEXT,                -- canonical party name, NULL when the speaker belongs to no known party
    speaker        TEXT,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    start          INTEGER NOT NULL,    -- the statement's verbatim span
    end            INTEGER NOT NULL,
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    quote_start    INTEGER,
    quote_end      INTEGER,
    UNIQUE (document_id, seq)
);
CREATE INDEX statements_party ON statements (party);

CREATE TABLE statement_topics (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    topic        TEXT    NOT NULL,
    PRIMARY KEY (statement_id, topic)
) WITHOUT ROWID;
CREATE INDEX statement_topics_topic ON statement_topics (topic, statement_id);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    party       TEXT    NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX mentions_party ON mentions (party);

-- Per-server digest settings and state.
CREATE TABLE guild_settings (
    guild_id        INTEGER PRIMARY KEY,
    channel_id      INTEGER,
    post_time       TEXT    NOT NULL DEFAULT '09:00',
    timezone        TEXT    NOT NULL DEFAULT 'UTC',
    post_when_empty INTEGER NOT NULL DEFAULT 1,
    configured_by   INTEGER,
    last_digest_at  TEXT,               -- UTC ISO timestamp of the watermark the last digest covered
    last_error      TEXT                -- reported to whoever configured it on their next command
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
