-- A source's entries are numbered in parts of about a thousand rows (PartPlan.java): entries.pos
-- is now part id * 2^32 + seq within the part, so a file added to a big folder renumbers the rows
-- of its part only, not every row after it in the source. Natural order across the index =
-- sources in natural order of path, then their parts by ord, then entries by seq.
CREATE TABLE parts (
    id           INT PRIMARY KEY,  -- the high 32 bits of entries.pos; never reused
    source_id    INT NOT NULL,
    ord          INT NOT NULL,     -- rank within the source, 0-based
    entry_count  INT NOT NULL
);

CREATE INDEX parts_by_source ON parts (source_id, ord);

-- Each source's rows, numbered by source id until now, form its first part; a change splits it.
INSERT INTO parts (id, source_id, ord, entry_count)
    SELECT id, id, 0, entry_count FROM sources WHERE entry_count > 0;

-- The last part id given out: new parts count on from here.
INSERT INTO settings (name, val)
    SELECT 'last_part', CAST(COALESCE(MAX(id), 0) AS VARCHAR) FROM sources;
