-- sitrep store on PostgreSQL, migration 1: the tables of SQLite's migration
-- 1 (documents, analyses, events, claims, claim_events, places, actors,
-- audit_log), with full-text search as a tsvector column and a GIN index
-- instead of FTS5.
--
-- Same column names and meanings as crates/store/src/migrations/0001_init.sql;
-- integers are BIGINT, flags BOOLEAN, times TIMESTAMPTZ. Offsets are
-- character offsets (Unicode scalar values, end exclusive) into
-- documents.text, as in the JSON output.

CREATE TABLE documents (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the whitespace-normalised text, hex
    doc_id       TEXT NOT NULL,          -- id given by the input (file stem, JSONL id)
    record       TEXT NOT NULL,          -- where it was read from: batch.jsonl:3, a.txt
    title        TEXT,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,                   -- YYYY-MM-DD
    text         TEXT NOT NULL,
    ingested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- title and text with diacritics folded (by the writer, in Rust), for
    -- search: 'halab & bab' finds 'Ḩalab … al-Bāb'.
    fts          TSVECTOR NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_fts ON documents USING GIN (fts);

CREATE TABLE analyses (
    document         BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    pipeline_version TEXT NOT NULL,
    report           JSONB NOT NULL,     -- the full analysis record, as `sitrep analyze` prints it
    analysed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (document, pipeline_version)
);

CREATE TABLE events (
    document           BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx                BIGINT NOT NULL,
    trigger_start      BIGINT NOT NULL,
    trigger_end        BIGINT NOT NULL,
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
    geonameid          BIGINT,
    country            TEXT,             -- ISO 3166-1 alpha-2
    admin1             TEXT,
    lat                DOUBLE PRECISION,
    lon                DOUBLE PRECISION,
    geo_precision      BIGINT,           -- ACLED 1-3
    event_date         TEXT,             -- ISO 8601 value
    time_precision     BIGINT,           -- ACLED 1-3
    fatalities_low     BIGINT,
    fatalities_best    BIGINT,
    fatalities_high    BIGINT,
    injured_best       BIGINT,
    civilian_targeting BOOLEAN NOT NULL,
    factuality         TEXT NOT NULL,    -- asserted, alleged, denied, negated, hypothetical, future
    sentence           BIGINT NOT NULL,
    rule               TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_country_date ON events(country, event_date);

CREATE TABLE claims (
    document       BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            BIGINT NOT NULL,
    source_start   BIGINT,
    source_end     BIGINT,
    source_text    TEXT,
    cue_start      BIGINT NOT NULL,
    cue_end        BIGINT NOT NULL,
    cue_text       TEXT NOT NULL,
    content_start  BIGINT NOT NULL,
    content_end    BIGINT NOT NULL,
    content_text   TEXT NOT NULL,
    stance         TEXT NOT NULL,        -- assert, accuse, deny, acknowledge, question, no_evidence, retract
    direct_quote   BOOLEAN NOT NULL,
    source_kind    TEXT,
    source_name    TEXT,
    source_code    TEXT,
    via            TEXT,                 -- relay chain, outlets joined by ' > '
    statement_date TEXT,
    grade          TEXT,                 -- in-document grade (Airwars scale)
    grade_reason   TEXT,
    sentence       BIGINT NOT NULL,
    rule           TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);

CREATE TABLE claim_events (
    document BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim    BIGINT NOT NULL,            -- claims.idx
    event    BIGINT NOT NULL,            -- events.idx
    PRIMARY KEY (document, claim, event)
);

CREATE TABLE places (
    document      BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           BIGINT NOT NULL,
    start         BIGINT NOT NULL,
    "end"         BIGINT NOT NULL,
    text          TEXT NOT NULL,
    name          TEXT NOT NULL,
    geonameid     BIGINT,
    country       TEXT,
    admin1        TEXT,
    feature       TEXT NOT NULL,
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    geo_precision BIGINT NOT NULL,
    where_prec    BIGINT NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    role          TEXT NOT NULL,
    rule          TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actors (
    document BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      BIGINT NOT NULL,
    start    BIGINT NOT NULL,
    "end"    BIGINT NOT NULL,
    text     TEXT NOT NULL,
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    inter    BIGINT,
    rule     TEXT NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    command     TEXT NOT NULL,           -- e.g. ingest, worker
    detail      TEXT NOT NULL,           -- arguments, pipeline version
    stored      BIGINT NOT NULL,
    duplicates  BIGINT NOT NULL,
    skipped     BIGINT NOT NULL,
    failed      BIGINT NOT NULL
);
