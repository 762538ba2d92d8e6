-- The prediction log in segments: one row holds the rows one process scored for one model version within a short
-- spell (up to a few thousand), packed (see JooqPredictionStore). A row per prediction cost the writer a B-tree
-- insert per scored row, a third of the serving throughput on two cores; a segment costs one insert per flush.
-- Prediction ids are PREFIX-COUNTER: a segment covers counters first_counter..last_counter of its prefix (not
-- necessarily all of them: a neighbouring segment may hold some) and spans at most 65,536 counters, so the segment
-- of an id is found in a short range of the primary key. rows_data is base64 text because a binary column has no
-- type common to H2 and PostgreSQL.
CREATE TABLE prediction_segments (
    id_prefix        VARCHAR(64)      NOT NULL,
    first_counter    BIGINT           NOT NULL,
    last_counter     BIGINT           NOT NULL,
    model_name       VARCHAR(2000)    NOT NULL,
    model_version    INTEGER          NOT NULL,
    first_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    row_count        INTEGER          NOT NULL,
    feature_count    INTEGER          NOT NULL,
    rows_data        VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (id_prefix, first_counter)
);
CREATE INDEX ix_prediction_segments_model_time ON prediction_segments (model_name, last_at);

-- A label now carries what it is the truth for (model, version, time, prediction, features), copied from the log
-- when it is joined, so realized errors and exports read this table alone. One label per prediction id: a later
-- label replaces the earlier one. The rows of prediction_log (written before segments) can still be labelled.
CREATE TABLE prediction_labels (
    prediction_id    VARCHAR(64)      NOT NULL PRIMARY KEY,
    model_name       VARCHAR(2000)    NOT NULL,
    model_version    INTEGER          NOT NULL,
    predicted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    features         VARCHAR(100000)  NOT NULL,
    prediction       DOUBLE PRECISION NOT NULL,
    label            DOUBLE PRECISION NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_prediction_labels_model_time ON prediction_labels (model_name, predicted_at);

INSERT INTO prediction_labels (prediction_id, model_name, model_version, predicted_at, features, prediction, label,
                               received_at)
SELECT f.prediction_id, l.model_name, l.model_version, l.predicted_at, l.features, l.prediction, f.label, f.received_at
FROM prediction_feedback f JOIN prediction_log l ON l.prediction_id = f.prediction_id;

DROP TABLE prediction_feedback;
