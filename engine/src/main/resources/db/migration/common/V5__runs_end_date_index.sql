-- The server's run metrics read the runs that ended since their last look, whichever process ended them.
CREATE INDEX ix_runs_end_date ON runs (end_date);
