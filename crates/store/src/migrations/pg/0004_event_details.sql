-- sitrep store on PostgreSQL, migration 4: the event fields the events stage
-- added after migration 1 (weapon, ACLED inter1/inter2, associated actors),
-- as columns of `events`, filled from the stored analyses for rows written
-- before this migration. Mirrors crates/store/src/migrations/0003_event_details.sql
-- (SQLite's migration 3; Postgres's 3 is the job queue).

ALTER TABLE events
    ADD COLUMN weapon_start  BIGINT,
    ADD COLUMN weapon_end    BIGINT,
    ADD COLUMN weapon_text   TEXT,
    ADD COLUMN weapon_kind   TEXT,     -- aerial, drone, artillery, … (data/events/cues.tsv)
    ADD COLUMN inter1        BIGINT,   -- ACLED inter code of actor1 (1-8)
    ADD COLUMN inter2        BIGINT,
    ADD COLUMN assoc_actor_1 TEXT,     -- names, '; '-joined as ACLED writes them
    ADD COLUMN assoc_actor_2 TEXT;

-- Backfill from the newest stored analysis of each document.
UPDATE events e SET
    weapon_start  = (j.ev->'weapon'->>'start')::bigint,
    weapon_end    = (j.ev->'weapon'->>'end')::bigint,
    weapon_text   = j.ev->'weapon'->>'text',
    weapon_kind   = j.ev->'weapon'->>'kind',
    inter1        = (j.ev->>'inter1')::bigint,
    inter2        = (j.ev->>'inter2')::bigint,
    assoc_actor_1 = (SELECT string_agg(x.value->>'name', '; ' ORDER BY x.n)
                     FROM jsonb_array_elements(CASE jsonb_typeof(j.ev->'assoc_actor1')
                              WHEN 'array' THEN j.ev->'assoc_actor1' ELSE '[]' END)
                          WITH ORDINALITY AS x(value, n)),
    assoc_actor_2 = (SELECT string_agg(x.value->>'name', '; ' ORDER BY x.n)
                     FROM jsonb_array_elements(CASE jsonb_typeof(j.ev->'assoc_actor2')
                              WHEN 'array' THEN j.ev->'assoc_actor2' ELSE '[]' END)
                          WITH ORDINALITY AS x(value, n))
FROM (SELECT ev.document, ev.idx,
             (SELECT a.report->'events'->(ev.idx::int) FROM analyses a
              WHERE a.document = ev.document
              ORDER BY a.analysed_at DESC LIMIT 1) AS ev
      FROM events ev) j
WHERE e.document = j.document AND e.idx = j.idx AND j.ev IS NOT NULL
  AND jsonb_typeof(j.ev) = 'object';
