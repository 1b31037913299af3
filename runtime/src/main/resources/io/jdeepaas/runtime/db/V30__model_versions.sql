-- Model versions: every set of weights a model can serve (its shipped ones as version 1, each
-- training's model folder, each upload), immutable once registered; their files live under
-- <data-dir>/models/<model>/versions/<version>/. A deleted version keeps its row (deleted_at set),
-- so its number is never given again.
CREATE TABLE model_versions (
    model         VARCHAR(200) NOT NULL,
    version       INTEGER      NOT NULL,
    source        VARCHAR(16)  NOT NULL,               -- module, training, upload, store
    training      CHAR(32),                            -- the training it came from
    args          ${text_type},                        -- JSON object: that training's arguments
    metrics       ${text_type},                        -- JSON object: its final metrics
    files         ${text_type} NOT NULL,               -- JSON array: path, size, sha256
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(400) NOT NULL,               -- Identity.owner(); empty from the CLI or anonymous
    deleted_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (model, version)
);

-- Names pointing at versions: 'production' (what the unversioned routes serve) and any a user sets.
CREATE TABLE model_aliases (
    model      VARCHAR(200) NOT NULL,
    alias      VARCHAR(100) NOT NULL,
    version    INTEGER      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(400) NOT NULL,
    PRIMARY KEY (model, alias)
);
