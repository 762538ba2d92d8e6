-- A try that a worker ran straight after the try before it, without a queue job of its own, names the queued try
-- whose job carried it (same run): if that job's process dies, the job's recovery fails the carried try too.
ALTER TABLE task_runs ADD COLUMN carrier_task_id VARCHAR(250);
ALTER TABLE task_runs ADD COLUMN carrier_try_number INTEGER;
