-- Placeholder so this branch's migration 0004 has contiguous predecessors.
-- Delete this file when the real 0002 migration is merged.
SELECT 1;
