//! sitrep-eval: runs every stage's evaluation suites (stub).
