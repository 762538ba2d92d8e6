-- A try's log, shipped in chunks while the try runs so that every node can show it, even after the node that ran
-- it is gone with its disk. byte_offset is where the chunk starts in the try's log file on the node that wrote it,
-- so a continuation token (a byte offset) means the same in the file and here. A chunk holds whole lines unless
-- one line is longer than a chunk.
CREATE TABLE task_logs (
    run_id       VARCHAR(250)    NOT NULL,
    task_id      VARCHAR(250)    NOT NULL,
    try_number   INTEGER         NOT NULL,
    byte_offset  BIGINT          NOT NULL,
    byte_length  INTEGER         NOT NULL,
    content      VARCHAR(100000) NOT NULL,
    PRIMARY KEY (run_id, task_id, try_number, byte_offset)
);
