//! Test stores for the unit tests of every format. Test-only.

use sitrep_store::Store;

/// The linked sample store (`src/sample.sql`).
pub fn sample_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.connection().execute_batch(crate::SAMPLE_SQL).unwrap();
    store
}

/// A store with one analysed document and one event, but no incidents.
pub fn store_with_unlinked_event() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .connection()
        .execute_batch(
            "INSERT INTO documents (id, content_hash, doc_id, record, text, ingested_at)
             VALUES (1, 'h', 'a', 'a.txt', 'Shelling hit Idlib.', '2019-01-01T00:00:00Z');
             INSERT INTO events (document, idx, trigger_start, trigger_end, trigger_text,
               plover_event, cameo, event_type, sub_event_type, civilian_targeting, factuality,
               sentence, rule)
             VALUES (1, 0, 0, 8, 'Shelling', 'ASSAULT', '194', 'Explosions/Remote violence',
               'Shelling/artillery/missile attack', 0, 'asserted', 0, 'trigger:shelling');",
        )
        .unwrap();
    store
}
