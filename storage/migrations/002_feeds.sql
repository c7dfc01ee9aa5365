-- News feeds the bot polls, with the state an operator needs to see why one is quiet.
CREATE TABLE feeds (
    id                 INTEGER PRIMARY KEY,
    url                TEXT    NOT NULL UNIQUE,
    title              TEXT,
    keywords           TEXT    NOT NULL DEFAULT '[]',  -- JSON list; empty keeps every entry
    etag               TEXT,                           -- for If-None-Match
    last_modified      TEXT,                           -- for If-Modified-Since
    added_at           TEXT    NOT NULL,               -- UTC ISO timestamps from here on
    last_checked       TEXT,
    last_status        TEXT    CHECK (last_status IN ('ok', 'not_modified', 'error')),
    last_error         TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_poll          TEXT    NOT NULL
);

-- Every entry a feed listed. `status` 'pending' means its page is still to be indexed (it is
-- retried on later polls); any other status is final, so an entry is never processed twice.
CREATE TABLE feed_entries (
    feed_id      INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    entry_key    TEXT    NOT NULL,    -- the entry's id, else its link, else title and date
    link         TEXT,
    title        TEXT,
    published    TEXT,                -- the feed's ISO date for the entry, or NULL
    status       TEXT    NOT NULL CHECK (status IN (
                     'pending', 'indexed', 'replaced', 'unchanged', 'duplicate', 'known',
                     'filtered', 'error', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    document_id  INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    first_seen   TEXT    NOT NULL,
    done_at      TEXT,
    PRIMARY KEY (feed_id, entry_key)
);
CREATE INDEX feed_entries_pending ON feed_entries (status) WHERE status = 'pending';
CREATE INDEX feed_entries_link ON feed_entries (link);
CREATE INDEX documents_url ON documents (url);
