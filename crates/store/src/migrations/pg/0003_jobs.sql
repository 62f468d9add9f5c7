-- sitrep store on PostgreSQL, migration 3: the job queue of `sitrep worker`.
--
-- A job is claimed with FOR UPDATE SKIP LOCKED, so concurrent workers never
-- take the same row; `attempts` doubles as the fencing token of a claim: a
-- worker may finish a job only while state = 'running' and attempts and
-- worker are still the ones it claimed with. A running job whose lease_until
-- has passed (its worker died or stalled) may be claimed again.
--
-- kind 'analyse': run the pipeline on `document` and write its rows.
-- kind 'ingest': read `source` (a path or URL the worker can reach), store
-- its documents and queue an 'analyse' job for each new one.

CREATE TABLE jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('ingest', 'analyse')),
    document     BIGINT REFERENCES documents(id) ON DELETE CASCADE,
    source       TEXT,
    state        TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,   -- claims so far
    max_attempts BIGINT NOT NULL DEFAULT 3,
    worker       TEXT,                        -- who holds (or last held) it
    lease_until  TIMESTAMPTZ,                 -- running: reclaimable after this
    error        TEXT,                        -- the last failure (kept while queued for a retry and when failed)
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    CHECK ((kind = 'analyse') = (document IS NOT NULL)),
    CHECK ((kind = 'ingest') = (source IS NOT NULL))
);
CREATE UNIQUE INDEX jobs_analyse_once ON jobs(document) WHERE kind = 'analyse';
CREATE INDEX jobs_queued ON jobs(id) WHERE state = 'queued';
CREATE INDEX jobs_leases ON jobs(lease_until) WHERE state = 'running';
