-- Canary splits: a share of a model's unversioned predict and infer requests goes to the version an
-- alias points at. One split per model at most.
CREATE TABLE model_splits (
    model      VARCHAR(200) NOT NULL PRIMARY KEY,
    alias      VARCHAR(100) NOT NULL,
    percent    INTEGER      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(400) NOT NULL
);
