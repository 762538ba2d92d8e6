-- Each landed file content a workflow's file trigger took: one row per (workflow, path as the glob matched it,
-- sha256), written in the transaction that creates the run, so a restart or a second node never starts it again.
CREATE TABLE file_claims (
    workflow_id      VARCHAR(250)  NOT NULL,
    path             VARCHAR(1000) NOT NULL,
    sha256           VARCHAR(64)   NOT NULL,
    run_id           VARCHAR(250)  NOT NULL REFERENCES runs (run_id),
    claimed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workflow_id, path, sha256)
);
CREATE INDEX ix_file_claims_run ON file_claims (run_id);
