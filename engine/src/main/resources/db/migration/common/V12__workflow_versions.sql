-- Every definition a workflow has had, by the SHA-256 of its file: a run keeps the hash it started with
-- (runs.workflow_hash) and its tasks are read from this text, whatever the file says by then.
-- workflows.source_hash is the version the nodes agree is current (moved by compare-and-set).
CREATE TABLE workflow_versions (
    workflow_id      VARCHAR(250)  NOT NULL,
    source_hash      VARCHAR(64)   NOT NULL,
    source_path      VARCHAR(1000),
    source_text      VARCHAR(3200000) NOT NULL,
    first_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workflow_id, source_hash)
);
CREATE INDEX ix_workflow_versions_first_seen ON workflow_versions (workflow_id, first_seen);
