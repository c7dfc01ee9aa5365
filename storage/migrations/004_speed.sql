-- Speed at a year of news (a million sentences).
--
-- "A party's latest statements" must be an index range scan, not a join and sort over all the
-- party ever said. So each statement (and each statement-topic pair) carries a copy of its
-- document's publication date, kept equal to `documents.published` by the triggers below, and
-- is indexed in the exact answer order: latest date first (SQLite sorts NULL last when
-- descending, so undated statements come last), then newest document, then reading order.
ALTER TABLE statements ADD COLUMN published TEXT;
ALTER TABLE statement_topics ADD COLUMN party TEXT;
ALTER TABLE statement_topics ADD COLUMN published TEXT;
ALTER TABLE statement_topics ADD COLUMN document_id INTEGER;
ALTER TABLE statement_topics ADD COLUMN seq INTEGER;

UPDATE statements
SET published = (SELECT d.published FROM documents d WHERE d.id = statements.document_id);
UPDATE statement_topics
SET (party, published, document_id, seq) = (
    SELECT s.party, s.published, s.document_id, s.seq FROM statements s
    WHERE s.id = statement_topics.statement_id
);

CREATE TRIGGER statements_copy_published AFTER INSERT ON statements
BEGIN
    UPDATE statements
    SET published = (SELECT d.published FROM documents d WHERE d.id = NEW.document_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER statement_topics_copy_order AFTER INSERT ON statement_topics
BEGIN
    UPDATE statement_topics
    SET (party, published, document_id, seq) = (
        SELECT s.party, s.published, s.document_id, s.seq FROM statements s
        WHERE s.id = NEW.statement_id
    )
    WHERE statement_id = NEW.statement_id AND topic = NEW.topic;
END;

CREATE TRIGGER documents_published_changed AFTER UPDATE OF published ON documents
BEGIN
    UPDATE statements SET published = NEW.published WHERE document_id = NEW.id;
    UPDATE statement_topics SET published = NEW.published WHERE document_id = NEW.id;
END;

CREATE TRIGGER statements_party_changed AFTER UPDATE OF party ON statements
BEGIN
    UPDATE statement_topics SET party = NEW.party WHERE statement_id = NEW.id;
END;

DROP INDEX statements_party;
CREATE INDEX statements_party_latest
    ON statements (party, published DESC, document_id DESC, seq);
CREATE INDEX statement_topics_party_latest
    ON statement_topics (topic, party, published DESC, document_id DESC, seq);
CREATE INDEX documents_ingested ON documents (ingested_at);

-- A float32 vector of 384 dimensions is 1.5 KB: a WITHOUT ROWID row that large spills into an
-- overflow page of its own, 4.7 KB a sentence on disk; in a rowid table two rows share a page.
CREATE TABLE embeddings_by_rowid (
    sentence_id  INTEGER NOT NULL REFERENCES sentences (id) ON DELETE CASCADE,
    model_id     INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    content_hash TEXT    NOT NULL,     -- SHA-256 of the embedded text, so re-embedding skips unchanged text
    vector       BLOB    NOT NULL,     -- float32, normalised
    PRIMARY KEY (sentence_id, model_id)
);
INSERT INTO embeddings_by_rowid (sentence_id, model_id, content_hash, vector)
    SELECT sentence_id, model_id, content_hash, vector FROM embeddings ORDER BY sentence_id;
DROP TABLE embeddings;
ALTER TABLE embeddings_by_rowid RENAME TO embeddings;

-- The approximate-nearest-neighbour index of /ask lives in a file beside the database and is
-- brought up to date incrementally: new vectors are found by sentence id, and removed ones
-- (a replaced document's) through this log, since a later sentence may reuse a removed id.
CREATE TABLE embedding_removals (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    sentence_id INTEGER NOT NULL,
    model_id    INTEGER NOT NULL
);

CREATE TRIGGER embeddings_removed AFTER DELETE ON embeddings
BEGIN
    INSERT INTO embedding_removals (sentence_id, model_id) VALUES (OLD.sentence_id, OLD.model_id);
END;
