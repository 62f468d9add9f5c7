-- sitrep store, migration 2: near-duplicate groups, incidents across
-- documents, the decisions that built them, and the outlets table.
--
-- Filled by sitrep-link (`link_pending`), which reads the flat `events`,
-- `claims` and `claim_events` rows of documents not linked yet. Until this
-- migration is part of a release it may still be edited in place.

-- 64-bit SimHash of the normalised text (stored as a signed integer), and the
-- earliest stored document whose text is a near copy of this one (NULL when
-- this document starts its own group). A wire copy is counted once.
ALTER TABLE documents ADD COLUMN simhash INTEGER;
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER REFERENCES documents(id);
ALTER TABLE documents ADD COLUMN linked_at TEXT;   -- NULL: not linked into incidents yet
CREATE INDEX documents_unlinked ON documents(linked_at) WHERE linked_at IS NULL;

-- SimHash bands (sitrep-link simhash.rs): the 64 bits cut into 8 bands of 8
-- bits; two documents within 7 bits share at least one band, so near-duplicate
-- candidates come from this index instead of a scan.
CREATE TABLE simhash_bands (
    band     INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, value, document)
) WITHOUT ROWID;

-- One row per real-world incident, merged across reports. Column names follow
-- ACLED where ACLED has one.
CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    event_type         TEXT NOT NULL,    -- ACLED event_type
    sub_event_type     TEXT NOT NULL,
    plover_event       TEXT NOT NULL,
    plover_mode        TEXT,
    cameo              TEXT NOT NULL,
    actor1_code        TEXT,
    actor1_name        TEXT,
    assoc_actor_1      TEXT,             -- '; '-joined names
    inter1             INTEGER,          -- ACLED 1-8
    actor2_code        TEXT,
    actor2_name        TEXT,
    assoc_actor_2      TEXT,
    inter2             INTEGER,
    interaction        INTEGER,          -- ACLED: 10*min(inter) + max(inter)
    place_name         TEXT,
    geonameid          INTEGER,
    country            TEXT,             -- ISO 3166-1 alpha-2
    admin1             TEXT,
    lat                REAL,
    lon                REAL,
    geo_precision      INTEGER,          -- ACLED 1-3
    where_prec         INTEGER,          -- UCDP 1-7
    event_date         TEXT,             -- ISO date (first day when a range)
    time_precision     INTEGER,          -- ACLED 1-3
    date_fallback      INTEGER NOT NULL DEFAULT 0, -- 1: no report gave a date, publication date used
    trigger_text       TEXT,             -- lower-cased trigger of the founding event
    fatalities_low     INTEGER,
    fatalities_best    INTEGER,
    fatalities_high    INTEGER,
    injured_low        INTEGER,
    injured_best       INTEGER,
    injured_high       INTEGER,
    civilian_targeting INTEGER NOT NULL DEFAULT 0,
    factuality         TEXT NOT NULL,    -- strongest standing across reports: asserted, alleged, denied, ...
    grade              TEXT NOT NULL,    -- occurrence: confirmed, fair, weak, contested, discounted
    perpetrator_grade  TEXT,
    fatalities_grade   TEXT,
    grade_inputs       TEXT NOT NULL,    -- JSON: origins, party / non-party, denials, acknowledgements, competing perpetrators
    reports            INTEGER NOT NULL, -- distinct documents
    origins            INTEGER NOT NULL, -- independent origins after collapsing relays and wire copies
    source             TEXT,             -- ACLED `source`: outlets, '; '-joined
    source_scale       TEXT,             -- ACLED `source_scale`
    notes              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(event_date);
CREATE INDEX incidents_place ON incidents(country, lat, lon);
CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);

-- Which event of which document belongs to which incident, and why.
CREATE TABLE incident_events (
    incident INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    document INTEGER NOT NULL,
    event    INTEGER NOT NULL,           -- events.idx
    score    REAL NOT NULL,              -- match score when it joined (1.0 for the founding event)
    reason   TEXT NOT NULL,              -- human-readable explanation of the join or founding
    PRIMARY KEY (document, event),
    FOREIGN KEY (document, event) REFERENCES events(document, idx) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events(incident);

-- Every merge / split / join / new decision, for `sitrep explain`-style audits.
CREATE TABLE link_decisions (
    id        INTEGER PRIMARY KEY,
    incident  INTEGER,                   -- NULL for skip
    document  INTEGER,
    event     INTEGER,
    decision  TEXT NOT NULL,             -- new, join, skip (not an occurrence), merge, split
    detail    TEXT NOT NULL,             -- JSON: candidate scores and the features behind them
    decided_at TEXT NOT NULL
);
CREATE INDEX link_decisions_incident ON link_decisions(incident);

-- The relay/outlet table as loaded when the store was last written.
CREATE TABLE outlets (
    name    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,               -- wire, newspaper, broadcaster, state_media, party_media, ngo, government, armed_group
    country TEXT
);
