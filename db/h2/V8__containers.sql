-- The folders and archives of each source, each addressed by a salted hash like a file
-- (/browse/{hash}). ContainerPlan.java computes them from a source's entries in natural order,
-- where every folder's or archive's files are one run of ranks: the indexer rewrites a source's
-- rows with its entries, in the same transaction. An archive is one flat container: the folders
-- inside it are not containers.
CREATE TABLE containers (
    source_id     INT           NOT NULL,
    path          VARCHAR(4096) NOT NULL,  -- inside the source, '/'-separated; '' for the source itself
    parent        VARCHAR(4096),           -- the path of the folder holding it; NULL for the source itself
    kind          VARCHAR(16)   NOT NULL,  -- FOLDER | ARCHIVE
    hash_key      BIGINT        NOT NULL,  -- first 8 bytes of its hash; verified on lookup
    first_rank    INT           NOT NULL,  -- 0-based rank within the source of the first file under it
    entry_count   INT           NOT NULL,  -- files under it, at any depth: ranks first_rank .. first_rank + entry_count - 1
    files         INT           NOT NULL,  -- files directly in it
    files_before  INT           NOT NULL,  -- files directly in its parent that come before it
    PRIMARY KEY (source_id, path)
);

CREATE INDEX containers_by_hash ON containers (hash_key);
CREATE INDEX containers_by_parent ON containers (source_id, parent, first_rank);

-- An index written before this version gets its containers with the lookup's rebuild, at the next
-- index or serve.
MERGE INTO settings (name, val) KEY (name)
    SELECT 'lookup_stale', 'containers not built yet' FROM entries LIMIT 1;
