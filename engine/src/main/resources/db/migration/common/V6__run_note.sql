-- A note about a run, given when it is triggered (Airflow's DAGRun.note).
ALTER TABLE runs ADD COLUMN note VARCHAR(1000);
