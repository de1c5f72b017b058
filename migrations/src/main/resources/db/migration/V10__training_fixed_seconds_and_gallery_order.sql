-- Issue 21 (pipeline UX): a training job costs a fixed part plus its patches at a rate; workers measure both.
--
-- worker.training_fixed_seconds: the seconds of a training job that do not grow with its patches (inputs, engine,
-- validation, export, post-processing selection) a worker measured, by "preset/sampling"
-- (WorkerCapabilities.trainingFixedSeconds), as reported at its last registration. worker.patches_per_second (V8) is
-- from now on the rate of the optimisation steps alone; a rate without a fixed part was measured over whole jobs.

ALTER TABLE worker ADD COLUMN training_fixed_seconds JSONB NOT NULL DEFAULT '{}';

-- Issue 17 (web lab): a project's gallery sorts by name (case-insensitive) a page at a time.
CREATE INDEX image_project_name_idx ON image (project_id, lower(name), id);
