-- The per-epoch training curve of a running TRAINING job (one point per ensemble member and epoch, as the worker's
-- progress reports name them), so that a page opened in the middle of a training still draws the whole curve.
-- A JSON array of {member, epoch, trainLoss, validationLoss, accuracy: {class: value}}; NULL for other jobs.
ALTER TABLE job ADD COLUMN progress_curve JSONB;
