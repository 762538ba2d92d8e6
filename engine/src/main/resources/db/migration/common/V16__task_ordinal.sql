-- The place of a task in its run as the run listed it (the workflow's order): task lists read back in it. Rows
-- written before have none and come after, by task id.
ALTER TABLE task_runs ADD COLUMN task_ordinal INTEGER;
