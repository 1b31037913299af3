-- Who started each training (TrainingRecord.owner): 'issuer#subject' for a token, 'key:name' for an
-- API key, 'anonymous' without credentials. Trainings stored before owners were kept are anonymous's.
-- (The column 'owner' already names the replica running a training.)
ALTER TABLE trainings ADD COLUMN owned_by VARCHAR(400) DEFAULT 'anonymous' NOT NULL;

CREATE INDEX trainings_by_owner ON trainings (owned_by, created_at);
