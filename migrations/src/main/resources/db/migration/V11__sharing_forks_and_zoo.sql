-- Forks, derived-model lookups, deprecation and the zoo's search.

-- Where a forked model or training set came from: {labId, labName, id, name, version, versionId, hash}. Kept as
-- text (not a foreign key): the origin may later become invisible or be deleted, the fork still names it.
ALTER TABLE model ADD COLUMN origin JSONB;
ALTER TABLE training_set ADD COLUMN origin JSONB;
-- Forks of a version (a delete of the origin is refused while another lab holds one).
CREATE INDEX model_origin_version_idx ON model ((origin ->> 'versionId'));
CREATE INDEX training_set_origin_version_idx ON training_set ((origin ->> 'versionId'));

-- Models derived from a training-set version: the card names its sources, {"trainingSetId":..,"version":..}.
CREATE INDEX model_version_card_sources_idx ON model_version USING gin ((card -> 'trainingSets') jsonb_path_ops);

-- Deprecation: still usable by existing jobs and by explicit id, hidden from zoo searches by default.
ALTER TABLE model_version ADD COLUMN deprecated_reason VARCHAR(2000);
ALTER TABLE model_version ADD COLUMN deprecated_at TIMESTAMPTZ;
ALTER TABLE model_version ADD COLUMN deprecated_by UUID REFERENCES app_user (id) ON DELETE SET NULL;
CREATE INDEX model_version_visibility_idx ON model_version (visibility) WHERE visibility = 'PUBLIC';

-- Full-text search of the zoo on a model's name and description ('simple': lab jargon is not English).
CREATE INDEX model_search_idx ON model
    USING gin (to_tsvector('simple', name || ' ' || coalesce(description, '')));
