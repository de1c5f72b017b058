-- Issue 21 (pipeline UX): what a job will cost, and the training rates workers measure.
--
-- job.estimate: the cost estimate made at submit (JobEstimate as JSON: duration range, device class, held-out images,
-- warnings); null for kinds without one and for jobs submitted before this migration.
-- worker.patches_per_second: training patches per second a worker measured on finished training jobs, by
-- "preset/sampling" (WorkerCapabilities.patchesPerSecond), as reported at its last registration.

ALTER TABLE job ADD COLUMN estimate JSONB;
ALTER TABLE worker ADD COLUMN patches_per_second JSONB NOT NULL DEFAULT '{}';
