-- A small linked store for the export tests (unit and end-to-end): three
-- reports, four incidents. Incident 1 has two reports (a wire copy and a
-- denial), notes with a comma, quotes and a newline; 2 is single-source;
-- 3 has no coordinates; 4 is undated, with no actor2. The strike's first
-- report names its weapon and an associated actor (migration 3's columns).
INSERT INTO documents (id, content_hash, doc_id, record, title, url, outlet, published, text, ingested_at, linked_at, duplicate_of) VALUES
 (1, 'h1', 'a1', 'batch.jsonl:1', 'Warplanes strike al-Bāb', 'https://example.org/a1', 'Reuters', '2019-05-20',
  'Regime warplanes struck al-Bāb on Monday, killing 12 civilians, the Syrian Observatory said.', '2019-05-21T00:00:00.000Z', '2019-05-21T00:00:00.000Z', NULL),
 (2, 'h2', 'a2', 'batch.jsonl:2', 'Damascus denies strike', NULL, 'SANA', '2019-05-21',
  'The Syrian army denied striking al-Bāb.', '2019-05-21T00:00:00.000Z', '2019-05-21T00:00:00.000Z', NULL),
 (3, 'h3', 'a3', 'batch.jsonl:3', 'Gunmen abduct villagers', NULL, 'Premium Times', '2020-01-03',
  'Gunmen abducted 20 villagers in Zamfara, police said.', '2020-01-04T00:00:00.000Z', '2020-01-04T00:00:00.000Z', NULL);

INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text, plover_event, plover_mode, cameo,
  event_type, sub_event_type, actor1_code, actor1_name, actor2_code, actor2_name, place_name, country, lat, lon,
  event_date, fatalities_best, civilian_targeting, factuality, sentence, rule,
  weapon_start, weapon_end, weapon_text, weapon_kind, inter1, inter2, assoc_actor_1, assoc_actor_2) VALUES
 (1, 0, 17, 23, 'struck', 'ASSAULT', 'aerial', '195', 'Explosions/Remote violence', 'Air/drone strike',
  'SYRMIL', 'Military Forces of Syria', 'SYRCVL', 'Civilians (Syria)', 'al-Bāb', 'SY', 36.3707, 37.5157,
  '2019-05-20', 12, 1, 'asserted', 0, 'trigger:strike',
  7, 16, 'warplanes', 'aerial', 1, 7, 'Russian air force', NULL),
 (2, 0, 16, 22, 'denied', 'ASSAULT', 'aerial', '195', 'Explosions/Remote violence', 'Air/drone strike',
  'SYRMIL', 'Military Forces of Syria', NULL, NULL, 'al-Bāb', 'SY', 36.3707, 37.5157,
  '2019-05-20', NULL, 0, 'denied', 0, 'trigger:strike',
  NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL),
 (3, 0, 7, 16, 'abducted', 'ASSAULT', 'abduct', '181', 'Violence against civilians', 'Abduction/forced disappearance',
  'NGAARM', 'Unidentified Armed Group (Nigeria)', 'NGACVL', 'Civilians (Nigeria)', 'Zamfara', 'NG', NULL, NULL,
  '2020-01-02', NULL, 1, 'asserted', 0, 'trigger:abduct',
  NULL, NULL, NULL, NULL, 3, 7, NULL, NULL);

INSERT INTO claims (document, idx, source_text, cue_start, cue_end, cue_text, content_start, content_end, content_text,
  stance, direct_quote, source_kind, source_name, source_code, via, statement_date, grade, grade_reason, sentence, rule) VALUES
 (1, 0, 'the Syrian Observatory', 84, 88, 'said', 0, 62, 'Regime warplanes struck al-Bāb on Monday, killing 12 civilians',
  'assert', 0, 'ngo', 'Syrian Observatory for Human Rights', 'SYRNGO', 'Reuters', '2019-05-20', 'weak', 'one origin', 0, 'frame:said'),
 (2, 0, 'The Syrian army', 16, 22, 'denied', 23, 38, 'striking al-Bāb',
  'deny', 0, 'armed_group', 'Military Forces of Syria', 'SYRMIL', NULL, '2019-05-21', NULL, NULL, 0, 'frame:deny');

INSERT INTO claim_events (document, claim, event) VALUES (1, 0, 0), (2, 0, 0);

INSERT INTO actors (document, idx, start, "end", text, code, name, country, sector, inter, rule) VALUES
 (1, 0, 0, 6, 'Regime', 'SYRMIL', 'Military Forces of Syria', 'SYR', 'MIL', 1, 'curated:regime'),
 (2, 0, 4, 15, 'Syrian army', 'SYRMIL', 'Military Forces of Syria', 'SYR', 'MIL', 1, 'curated:army'),
 (1, 1, 70, 79, 'civilians', 'SYRCVL', 'Civilians (Syria)', 'SYR', 'CVL', 7, 'curated:civilians'),
 (3, 0, 0, 6, 'Gunmen', 'NGAARM', 'Unidentified Armed Group (Nigeria)', 'NGA', NULL, 3, 'curated:gunmen');

INSERT INTO incidents (id, event_type, sub_event_type, plover_event, plover_mode, cameo, actor1_code, actor1_name,
  assoc_actor_1, inter1, actor2_code, actor2_name, assoc_actor_2, inter2, interaction, place_name, geonameid, country,
  admin1, lat, lon, geo_precision, where_prec, event_date, time_precision, fatalities_low, fatalities_best,
  fatalities_high, injured_low, injured_best, injured_high, civilian_targeting, factuality, grade, perpetrator_grade,
  fatalities_grade, grade_inputs, reports, origins, source, source_scale, notes, created_at, updated_at) VALUES
 (1, 'Explosions/Remote violence', 'Air/drone strike', 'ASSAULT', 'aerial', '195', 'SYRMIL', 'Military Forces of Syria',
  NULL, 1, 'SYRCVL', 'Civilians (Syria)', NULL, 7, 17, 'al-Bāb', 170017, 'SY', 'Aleppo', 36.3707, 37.5157, 1, 1,
  '2019-05-20', 1, 10, 12, 15, NULL, 4, NULL, 1, 'asserted', 'fair', 'contested', 'weak',
  '{"origins": 2, "non_party": 1, "denials": 1, "acknowledgements": 0}', 2, 2, 'Reuters; SANA', 'International-National',
  'On 20 May 2019, regime warplanes struck al-Bāb, killing 12 civilians, "according to" SOHR.
The army denied it.', '2019-05-21T00:00:00.000Z', '2019-05-21T12:00:00.000Z'),
 (2, 'Explosions/Remote violence', 'Shelling/artillery/missile attack', 'ASSAULT', 'heavy-weapons', '194', 'SYRMIL',
  'Military Forces of Syria', 'Hezbollah; Iranian militias', 1, NULL, NULL, NULL, NULL, NULL, 'Idlib', 169389, 'SY',
  'Idlib', 35.9306, 36.6339, 2, 2, '2019-05-18', 2, NULL, NULL, NULL, NULL, NULL, NULL, 0, 'asserted', 'weak', NULL,
  NULL, 'not json', 1, 1, 'SANA', 'National', NULL, '2019-05-21T00:00:00.000Z', '2019-05-21T00:00:00.000Z'),
 (3, 'Violence against civilians', 'Abduction/forced disappearance', 'ASSAULT', 'abduct', '181', 'NGAARM',
  'Unidentified Armed Group (Nigeria)', NULL, 3, 'NGACVL', 'Civilians (Nigeria)', NULL, 7, 37, 'Zamfara', NULL, 'NG',
  'Zamfara', NULL, NULL, 3, 4, '2020-01-02', 1, 0, 0, 0, NULL, NULL, NULL, 1, 'asserted', 'confirmed', NULL, NULL,
  '{}', 1, 1, 'Premium Times', 'National', 'Gunmen abducted 20 villagers.', '2020-01-04T00:00:00.000Z',
  '2020-01-04T00:00:00.000Z'),
 (4, 'Protests', 'Peaceful protest', 'PROTEST', NULL, '141', NULL, NULL, NULL, 6, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 'alleged',
  'contested', NULL, NULL, '{}', 1, 1, NULL, NULL, '', '2020-02-01T00:00:00.000Z', '2020-02-01T00:00:00.000Z');

INSERT INTO incident_events (incident, document, event, score, reason) VALUES
 (1, 1, 0, 1.0, 'founded the incident'),
 (1, 2, 0, 0.82, 'same type, actor SYRMIL, same place, same day'),
 (3, 3, 0, 1.0, 'founded the incident');

INSERT INTO link_decisions (id, incident, document, event, decision, detail, decided_at) VALUES
 (1, 1, 1, 0, 'new', '{"candidates": []}', '2019-05-21T00:00:00.000Z'),
 (2, 1, 2, 0, 'join', '{"candidates": [{"incident": 1, "score": 0.82}]}', '2019-05-21T12:00:00.000Z');
