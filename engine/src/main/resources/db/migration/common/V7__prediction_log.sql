-- Every row a served model scored, written off the request path, and the ground truth that came back for it.
-- features holds the row's values as a JSON array in the order of the model version's feature names. Ids sort as
-- one process issued them, so inserts land at the end of the primary key; there is no other index, since every
-- read starts from the (far smaller) feedback table and reaches a prediction by its id.
CREATE TABLE prediction_log (
    prediction_id    VARCHAR(64)      NOT NULL PRIMARY KEY,
    model_name       VARCHAR(2000)    NOT NULL,
    model_version    INTEGER          NOT NULL,
    predicted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    features         VARCHAR(100000)  NOT NULL,
    prediction       DOUBLE PRECISION NOT NULL
);

-- One label per prediction: a later label for the same id replaces the earlier one.
CREATE TABLE prediction_feedback (
    prediction_id    VARCHAR(64)      NOT NULL PRIMARY KEY REFERENCES prediction_log (prediction_id),
    label            DOUBLE PRECISION NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
