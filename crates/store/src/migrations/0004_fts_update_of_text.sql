-- Migration 4: re-index a document in FTS5 only when its title or text
-- changes. Migration 1's trigger fired on every UPDATE of `documents`, so
-- linking (which sets simhash, duplicate_of and linked_at) deleted and
-- re-inserted each document's full text in `documents_fts`: the largest
-- single cost of `sitrep link` in a profile over 3,000 documents.
DROP TRIGGER documents_fts_update;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
