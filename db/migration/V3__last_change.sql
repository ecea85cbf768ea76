-- sources.last_scan now says when a source was last looked at, changed or not; last_change says
-- when its entries last changed (what last_scan said until now).
ALTER TABLE sources ADD COLUMN last_change TIMESTAMP WITH TIME ZONE;
UPDATE sources SET last_change = last_scan;
