-- API keys for machines. Only the SHA-256 of a key is kept; the key itself is shown once.
CREATE TABLE api_keys (
    name          VARCHAR(200) NOT NULL PRIMARY KEY,
    key_hash      CHAR(64)     NOT NULL UNIQUE,
    roles         VARCHAR(200) NOT NULL,            -- comma-separated: read, predict, train, admin
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(400),                     -- the identity that created it, empty from the CLI
    last_used_at  TIMESTAMP WITH TIME ZONE
);
