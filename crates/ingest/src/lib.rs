//! sitrep-ingest: reading inputs into documents (stub).
