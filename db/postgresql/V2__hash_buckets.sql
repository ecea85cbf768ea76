-- PostgreSQL's spelling of db/h2/V2: BYTEA for VARBINARY. Lookups by hash go through
-- hash_buckets (HashBuckets.java) on both databases (docs/decisions/0001).
DROP INDEX IF EXISTS entries_by_hash;

CREATE TABLE hash_buckets (
    bucket  INT        PRIMARY KEY,  -- the first 16 bits of hash_key
    pairs   BYTEA      NOT NULL      -- (hash_key, pos) pairs, 8 + 8 bytes big-endian, in no order
);

-- An index written before this version gets its buckets at the next index or serve.
INSERT INTO settings (name, val)
    SELECT 'lookup_stale', 'buckets not built yet' FROM entries LIMIT 1;
