-- Quartz inserts a lock row the first time it asks for it; two nodes doing so at once on a fresh database collide on
-- the primary key, and on PostgreSQL the failed insert aborts the transaction that wanted the lock. With the rows
-- present, every node only ever locks existing rows (SELECT ... FOR UPDATE). Seeded for the scheduler name every
-- server node shares (EngineConfig.DEFAULT_SCHEDULER_NAME); other names (a one-off `freshet run`) run unclustered.
-- ON CONFLICT: a database that Quartz already used may hold the rows.
INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('freshet', 'TRIGGER_ACCESS'), ('freshet', 'STATE_ACCESS')
ON CONFLICT DO NOTHING;
