-- A source indexed with --all-files keeps every regular file at each rescan; the others keep
-- media files only (images, video, audio), without hidden files and junk.
ALTER TABLE sources ADD COLUMN all_files BOOLEAN NOT NULL DEFAULT FALSE;
-- Sources indexed before took every file: the next run reads each one again, once, to apply this.
UPDATE sources SET fingerprint = 0, size = -1;
