-- The local date (in the server's time zone) of the last digest claimed for posting: a server
-- gets at most one digest per local day, whatever the restarts.
ALTER TABLE guild_settings ADD COLUMN last_post_date TEXT;
