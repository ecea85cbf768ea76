-- Lookups by hash move from an H2 index on entries.hash_key to hash_buckets (HashLookup.java):
-- H2 built that index from random keys at ~170k keys/s, a third of a cold index of 1.1M entries;
-- a bulk load writes each bucket once instead.
DROP INDEX IF EXISTS entries_by_hash;

CREATE TABLE hash_buckets (
    bucket  INT        PRIMARY KEY,  -- the first 16 bits of hash_key
    pairs   VARBINARY  NOT NULL      -- (hash_key, pos) pairs, 8 + 8 bytes big-endian, in no order
);

-- An index written before this version gets its buckets at the next index or serve.
INSERT INTO settings (name, val)
    SELECT 'lookup_stale', 'buckets not built yet' FROM entries LIMIT 1;
