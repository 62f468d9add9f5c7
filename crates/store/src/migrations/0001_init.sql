-- sitrep store, migration 1: documents, analyses, the flat layer tables,
-- the audit log and full-text search.
--
-- Offsets (`*_start`, `*_end`) are character offsets (Unicode scalar values,
-- end exclusive) into documents.text, as in the JSON output. Row order within
-- a document (`idx`) is the index in the analysis JSON, so `claims.idx` is the
-- number the JSON's `events[].claims` refers to.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the whitespace-normalised text, hex
    doc_id       TEXT NOT NULL,          -- id given by the input (file stem, JSONL id)
    record       TEXT NOT NULL,          -- where it was read from: batch.jsonl:3, a.txt
    title        TEXT,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,                   -- YYYY-MM-DD
    text         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL           -- RFC 3339, UTC
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE analyses (
    document         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    pipeline_version TEXT NOT NULL,
    report           TEXT NOT NULL,      -- the full analysis record, as `sitrep analyze` prints it
    analysed_at      TEXT NOT NULL,
    PRIMARY KEY (document, pipeline_version)
);

CREATE TABLE events (
    document           INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx                INTEGER NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    trigger_text       TEXT NOT NULL,
    plover_event       TEXT NOT NULL,
    plover_mode        TEXT,
    cameo              TEXT NOT NULL,
    event_type         TEXT NOT NULL,    -- ACLED event_type
    sub_event_type     TEXT NOT NULL,    -- ACLED sub_event_type
    actor1_code        TEXT,
    actor1_name        TEXT,
    actor2_code        TEXT,
    actor2_name        TEXT,
    place_name         TEXT,
    geonameid          INTEGER,
    country            TEXT,             -- ISO 3166-1 alpha-2
    admin1             TEXT,
    lat                REAL,
    lon                REAL,
    geo_precision      INTEGER,          -- ACLED 1-3
    event_date         TEXT,             -- ISO 8601 value
    time_precision     INTEGER,          -- ACLED 1-3
    fatalities_low     INTEGER,
    fatalities_best    INTEGER,
    fatalities_high    INTEGER,
    injured_best       INTEGER,
    civilian_targeting INTEGER NOT NULL, -- 0/1
    factuality         TEXT NOT NULL,    -- asserted, alleged, denied, negated, hypothetical, future
    sentence           INTEGER NOT NULL,
    rule               TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_country_date ON events(country, event_date);

CREATE TABLE claims (
    document       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    source_start   INTEGER,
    source_end     INTEGER,
    source_text    TEXT,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    cue_text       TEXT NOT NULL,
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    content_text   TEXT NOT NULL,
    stance         TEXT NOT NULL,        -- assert, accuse, deny, acknowledge, question, no_evidence, retract
    direct_quote   INTEGER NOT NULL,     -- 0/1
    source_kind    TEXT,
    source_name    TEXT,
    source_code    TEXT,
    via            TEXT,                 -- relay chain, outlets joined by ' > '
    statement_date TEXT,
    grade          TEXT,                 -- in-document grade (Airwars scale), see analyses.report for inputs
    grade_reason   TEXT,
    sentence       INTEGER NOT NULL,
    rule           TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);

CREATE TABLE claim_events (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim    INTEGER NOT NULL,           -- claims.idx
    event    INTEGER NOT NULL,           -- events.idx
    PRIMARY KEY (document, claim, event)
);

CREATE TABLE places (
    document      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    name          TEXT NOT NULL,
    geonameid     INTEGER,
    country       TEXT,
    admin1        TEXT,
    feature       TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    geo_precision INTEGER NOT NULL,
    where_prec    INTEGER NOT NULL,
    score         REAL NOT NULL,
    role          TEXT NOT NULL,
    rule          TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actors (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    inter    INTEGER,
    rule     TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    command     TEXT NOT NULL,           -- e.g. ingest
    detail      TEXT NOT NULL,           -- arguments, pipeline version
    stored      INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    failed      INTEGER NOT NULL
);

-- Full-text search over title and text; diacritics folded, so
-- "halab AND bab" finds "Ḩalab … al-Bāb". External content: rows live in
-- documents, the triggers keep the index in step.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
