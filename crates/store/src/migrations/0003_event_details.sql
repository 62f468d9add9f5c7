-- sitrep store, migration 3: the event fields the events stage added after
-- migration 1 (the weapon named for the event, ACLED inter1/inter2 and the
-- associated actors), as columns of `events`, filled from the stored
-- analyses for rows written before this migration.
--
-- weapon_*: the weapon or means named for the event ("barrel bombs"), its
-- span (character offsets into documents.text) and its class (`aerial`,
-- `drone`, `artillery`, … see data/events/cues.tsv). inter1 / inter2: the
-- ACLED inter codes (1-8) of actor1 / actor2. assoc_actor_1 / _2: the names
-- of the actors coordinated with actor1 / actor2, '; '-joined as ACLED
-- writes them.

ALTER TABLE events ADD COLUMN weapon_start  INTEGER;
ALTER TABLE events ADD COLUMN weapon_end    INTEGER;
ALTER TABLE events ADD COLUMN weapon_text   TEXT;
ALTER TABLE events ADD COLUMN weapon_kind   TEXT;
ALTER TABLE events ADD COLUMN inter1        INTEGER;
ALTER TABLE events ADD COLUMN inter2        INTEGER;
ALTER TABLE events ADD COLUMN assoc_actor_1 TEXT;
ALTER TABLE events ADD COLUMN assoc_actor_2 TEXT;

-- Backfill from the newest stored analysis of each document (the JSON of
-- `sitrep analyze`: events[idx].weapon, .inter1, .inter2, .assoc_actor1/2).
UPDATE events SET
    weapon_start  = json_extract(j.ev, '$.weapon.start'),
    weapon_end    = json_extract(j.ev, '$.weapon.end'),
    weapon_text   = json_extract(j.ev, '$.weapon.text'),
    weapon_kind   = json_extract(j.ev, '$.weapon.kind'),
    inter1        = json_extract(j.ev, '$.inter1'),
    inter2        = json_extract(j.ev, '$.inter2'),
    assoc_actor_1 = (SELECT group_concat(json_extract(x.value, '$.name'), '; ')
                     FROM json_each(j.ev, '$.assoc_actor1') x),
    assoc_actor_2 = (SELECT group_concat(json_extract(x.value, '$.name'), '; ')
                     FROM json_each(j.ev, '$.assoc_actor2') x)
FROM (SELECT e.document AS document, e.idx AS idx,
             json_extract((SELECT a.report FROM analyses a WHERE a.document = e.document
                           AND json_valid(a.report)
                           ORDER BY a.analysed_at DESC LIMIT 1),
                          '$.events[' || e.idx || ']') AS ev
      FROM events e) j
WHERE events.document = j.document AND events.idx = j.idx AND j.ev IS NOT NULL;
