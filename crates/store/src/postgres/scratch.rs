//! A throw-away schema for tests against a live PostgreSQL (`SITREP_TEST_PG`,
//! printed by `.ci/postgres.sh`). Shared by the tests of every crate that
//! uses the Postgres store, so they skip, name and drop schemas alike. Owns
//! nothing a user runs.

use std::time::SystemTime;

use postgres::{Client, NoTls};

use super::{with_search_path, PgStore};

/// A fresh schema in the test database, dropped on drop.
pub struct Scratch {
    pub base: String,
    pub schema: String,
}

impl Scratch {
    /// `None`, after a skip message, when `SITREP_TEST_PG` is not set.
    /// Panics when it is set but unreachable: that is a broken test setup.
    pub fn new(name: &str) -> Option<Scratch> {
        let Ok(base) = std::env::var("SITREP_TEST_PG") else {
            eprintln!("skipped: SITREP_TEST_PG is not set (bash .ci/postgres.sh prints a URL)");
            return None;
        };
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let schema = format!("t_{name}_{}_{nanos}", std::process::id());
        let mut c = Client::connect(&base, NoTls).expect("SITREP_TEST_PG must be reachable");
        c.batch_execute(&format!("CREATE SCHEMA {schema}"))
            .expect("create schema");
        Some(Scratch { base, schema })
    }

    /// The URL whose connections work in this schema.
    pub fn url(&self) -> String {
        with_search_path(&self.base, &self.schema)
    }

    pub fn store(&self) -> PgStore {
        PgStore::connect(&self.url()).expect("connect")
    }

    /// The one integer a query returns, in this schema.
    pub fn scalar(&self, sql: &str) -> i64 {
        self.store().client().query_one(sql, &[]).expect(sql).get(0)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.base, NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}
