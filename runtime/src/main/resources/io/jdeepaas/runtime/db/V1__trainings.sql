-- Trainings, their metrics series and their log lines. The same SQL runs on H2 and PostgreSQL;
-- ${text_type} is CLOB on H2 (whose VARCHAR stops at 1 MB) and TEXT on PostgreSQL.

CREATE TABLE trainings (
    uuid             CHAR(32)     NOT NULL PRIMARY KEY,
    model            VARCHAR(200) NOT NULL,
    experiment       VARCHAR(200),
    args             ${text_type} NOT NULL,            -- JSON object, as the record shows it
    status           VARCHAR(16)  NOT NULL,
    progress_step    BIGINT       NOT NULL DEFAULT 0,
    progress_total   BIGINT       NOT NULL DEFAULT 0,
    progress_metrics ${text_type},                     -- JSON object: the latest metrics
    result           ${text_type},                     -- JSON object, once done
    message          ${text_type},
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    retry_of         CHAR(32),                         -- the training this one repeats
    owner            VARCHAR(200),                     -- the replica running it
    heartbeat        TIMESTAMP WITH TIME ZONE,         -- refreshed by the owner while it runs
    cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX trainings_by_model ON trainings (model, created_at);
CREATE INDEX trainings_by_status ON trainings (status, created_at);
CREATE INDEX trainings_by_experiment ON trainings (experiment);

CREATE TABLE metrics (
    uuid         CHAR(32)         NOT NULL REFERENCES trainings (uuid) ON DELETE CASCADE,
    seq          BIGINT           NOT NULL,            -- order of reporting within the training
    step         BIGINT           NOT NULL,
    name         VARCHAR(200)     NOT NULL,
    metric_value DOUBLE PRECISION,
    reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (uuid, seq)
);

CREATE TABLE logs (
    uuid      CHAR(32)     NOT NULL REFERENCES trainings (uuid) ON DELETE CASCADE,
    seq       BIGINT       NOT NULL,
    line      ${text_type} NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (uuid, seq)
);
