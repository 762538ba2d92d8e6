-- A segment's packed rows as bytes (BYTEA: PostgreSQL's binary type, and one of H2's names for BINARY VARYING)
-- instead of base64 text: H2 spent about half the writer's time per scored row storing the text, and the encoding
-- added a third to its size. New segments fill rows_packed and leave rows_data empty; the segments written before
-- keep their base64 rows_data, which the store still reads (JooqPredictionStore), so nothing is copied here.
ALTER TABLE prediction_segments ADD COLUMN rows_packed BYTEA;
ALTER TABLE prediction_segments ALTER COLUMN rows_data DROP NOT NULL;
