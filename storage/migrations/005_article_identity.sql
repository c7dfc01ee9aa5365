-- An article is identified by its own paragraphs, not by the bytes of the page around it: a page
-- fetched again with new adverts or timestamps is the same article, so it keeps its ingested_at
-- and the digest does not announce it again. `sha256` (of the bytes) stays as the fast path that
-- skips reading a file seen before. Rows indexed before this migration get their hash from
-- `ingest.ensure_current` (SQLite has no hash function); NULLs never collide in a UNIQUE index.
ALTER TABLE documents ADD COLUMN text_sha256 TEXT;
CREATE UNIQUE INDEX documents_text_sha256 ON documents (text_sha256);

-- The manifest entry the row's facts were taken from, so a corrected entry reaches a file that is
-- already indexed. NULL: not known (indexed before this migration, or not from a folder).
ALTER TABLE documents ADD COLUMN manifest_digest TEXT;

-- The parties file each document's statements were attributed with, so that re-attribution
-- after a change of that file is resumable and two processes doing it never redo or undo a
-- document; and whether its statements still wait for topic tagging by meaning (attribution
-- without the embedding model tags by cue words only; the rest follows once the model loads).
ALTER TABLE documents ADD COLUMN parties_digest TEXT;
ALTER TABLE documents ADD COLUMN topics_pending INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET parties_digest = (SELECT value FROM meta WHERE key = 'parties_digest');
CREATE INDEX documents_topics_pending ON documents (id) WHERE topics_pending = 1;
