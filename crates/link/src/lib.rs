//! sitrep-link: reserved for a later issue (see issue 7); nothing here yet.
