-- sitrep store on PostgreSQL, migration 2: near-duplicate groups, incidents
-- across documents, the decisions that built them, and the outlets table.
-- Mirrors crates/store/src/migrations/0002_incidents.sql (same columns).

ALTER TABLE documents ADD COLUMN simhash BIGINT;
ALTER TABLE documents ADD COLUMN duplicate_of BIGINT REFERENCES documents(id);
ALTER TABLE documents ADD COLUMN linked_at TIMESTAMPTZ;  -- NULL: not linked into incidents yet
CREATE INDEX documents_unlinked ON documents(id) WHERE linked_at IS NULL;

-- SimHash bands: the 64 bits cut into 8 bands of 8 bits; two documents within
-- 7 bits share at least one band, so near-duplicate candidates come from this
-- index instead of a scan.
CREATE TABLE simhash_bands (
    band     BIGINT NOT NULL,
    value    BIGINT NOT NULL,
    document BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, value, document)
);

CREATE TABLE incidents (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    plover_event       TEXT NOT NULL,
    plover_mode        TEXT,
    cameo              TEXT NOT NULL,
    actor1_code        TEXT,
    actor1_name        TEXT,
    assoc_actor_1      TEXT,
    inter1             BIGINT,
    actor2_code        TEXT,
    actor2_name        TEXT,
    assoc_actor_2      TEXT,
    inter2             BIGINT,
    interaction        BIGINT,
    place_name         TEXT,
    geonameid          BIGINT,
    country            TEXT,
    admin1             TEXT,
    lat                DOUBLE PRECISION,
    lon                DOUBLE PRECISION,
    geo_precision      BIGINT,
    where_prec         BIGINT,
    event_date         TEXT,
    time_precision     BIGINT,
    date_fallback      BOOLEAN NOT NULL DEFAULT false, -- no report gave a date, publication date used
    trigger_text       TEXT,             -- lower-cased trigger of the founding event
    fatalities_low     BIGINT,
    fatalities_best    BIGINT,
    fatalities_high    BIGINT,
    injured_low        BIGINT,
    injured_best       BIGINT,
    injured_high       BIGINT,
    civilian_targeting BOOLEAN NOT NULL DEFAULT false,
    factuality         TEXT NOT NULL,
    grade              TEXT NOT NULL,
    perpetrator_grade  TEXT,
    fatalities_grade   TEXT,
    grade_inputs       JSONB NOT NULL,
    reports            BIGINT NOT NULL,
    origins            BIGINT NOT NULL,
    source             TEXT,
    source_scale       TEXT,
    notes              TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX incidents_date ON incidents(event_date);
CREATE INDEX incidents_place ON incidents(country, lat, lon);
CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);

CREATE TABLE incident_events (
    incident BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    document BIGINT NOT NULL,
    event    BIGINT NOT NULL,
    score    DOUBLE PRECISION NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (document, event),
    FOREIGN KEY (document, event) REFERENCES events(document, idx) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events(incident);

CREATE TABLE link_decisions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident   BIGINT,                   -- NULL for skip
    document   BIGINT,
    event      BIGINT,
    decision   TEXT NOT NULL,            -- new, join, skip (not an occurrence), merge, split
    detail     JSONB NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX link_decisions_incident ON link_decisions(incident);

CREATE TABLE outlets (
    name    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    country TEXT
);
