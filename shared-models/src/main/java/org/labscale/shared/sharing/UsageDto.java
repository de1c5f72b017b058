package org.labscale.shared.sharing;

/**
 * How often other labs used one shared (or public) version, counted when they submitted a job with it or forked it.
 *
 * @param segmentations SEGMENTATION jobs of other labs naming the model version
 * @param trainings     TRAINING jobs of other labs learning from the training-set version
 * @param forks         copies other labs made of the version
 * @param labs          distinct other labs among them
 */
public record UsageDto(long segmentations, long trainings, long forks, long labs) {
}
