package org.labscale.shared.model;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.shared.net.NetSpec;
import org.labscale.shared.segmentation.PostProcessing;

/**
 * What a trained model is, how it was made and how well it did: written by the training worker as {@code card.json}
 * next to the ensemble's ONNX members, and served with the model version. Its classes, channels, receptive field and
 * normalisation agree with the metadata inside every member.
 *
 * @param task              {@code semantic-segmentation} (per-pixel classes)
 * @param classes           class names in the nets' output order, background first
 * @param channels          channel roles in input order, e.g. {@code ["phase","nuclear"]}
 * @param receptiveField    patch side in pixels
 * @param normalization     e.g. {@code {"method":"median-local-mean","window":61}}
 * @param net               the layers
 * @param ensembleSize      number of members (independently trained nets whose outputs are averaged)
 * @param trainingCurves    one entry per member and epoch
 * @param validationMetrics e.g. {@code balancedPixelAccuracy}, {@code meanPerCellJaccard}, {@code meanPerCellDice} (with
 *                          the recommended post-processing), {@code defaultPostProcessingJaccard} (with the defaults)
 * @param trainingSets      the training-set versions learnt from, with their content hashes
 * @param authors           who trained it (display names or e-mail addresses)
 * @param licence           e.g. {@code CC-BY-4.0}
 * @param description       free text
 * @param provenance        job, hyper-parameters, seed, library versions, git revision
 * @param recommendedPostProcessing the post-processing chosen on the held-out validation images (every field filled
 *                          in), which segmentation jobs use when they give none; null when the training held out no
 *                          whole image with cells (and on cards written before it existed): the defaults apply
 * @param quality           whether the ensemble learnt: each member against chance and the others, the held-out
 *                          images, warnings; null on cards written before it existed
 * @param pixelSizeUm       the pixel size (micrometres) the members were trained at, every training image resampled
 *                          to it; segmentation jobs resample each image with a known pixel size to it and map the
 *                          cells back. Null: trained on images as they were (not all had a pixel size), used as such
 */
public record ModelCard(String task, List<String> classes, List<String> channels, int receptiveField,
                        Map<String, Object> normalization, NetSpec net, int ensembleSize,
                        List<EpochMetrics> trainingCurves, Map<String, Double> validationMetrics,
                        List<TrainingData> trainingSets, List<String> authors, String licence, String description,
                        Map<String, Object> provenance, PostProcessing recommendedPostProcessing,
                        TrainingQuality quality, Double pixelSizeUm) {

    /** Without {@code pixelSizeUm}. */
    public ModelCard(String task, List<String> classes, List<String> channels, int receptiveField,
                     Map<String, Object> normalization, NetSpec net, int ensembleSize,
                     List<EpochMetrics> trainingCurves, Map<String, Double> validationMetrics,
                     List<TrainingData> trainingSets, List<String> authors, String licence, String description,
                     Map<String, Object> provenance, PostProcessing recommendedPostProcessing,
                     TrainingQuality quality) {
        this(task, classes, channels, receptiveField, normalization, net, ensembleSize, trainingCurves,
                validationMetrics, trainingSets, authors, licence, description, provenance,
                recommendedPostProcessing, quality, null);
    }

    /** Without {@code quality}. */
    public ModelCard(String task, List<String> classes, List<String> channels, int receptiveField,
                     Map<String, Object> normalization, NetSpec net, int ensembleSize,
                     List<EpochMetrics> trainingCurves, Map<String, Double> validationMetrics,
                     List<TrainingData> trainingSets, List<String> authors, String licence, String description,
                     Map<String, Object> provenance, PostProcessing recommendedPostProcessing) {
        this(task, classes, channels, receptiveField, normalization, net, ensembleSize, trainingCurves,
                validationMetrics, trainingSets, authors, licence, description, provenance,
                recommendedPostProcessing, null, null);
    }

    /** The only task so far. */
    public static final String SEMANTIC_SEGMENTATION = "semantic-segmentation";

    /**
     * One epoch of one member's training.
     *
     * @param member           0-based ensemble member
     * @param epoch            1-based epoch
     * @param trainLoss        mean cross-entropy (without the L2 term) over the epoch's training patches
     * @param validationLoss   mean cross-entropy over the held-out patches
     * @param perClassAccuracy fraction of held-out patches of each class (output order) predicted as that class
     */
    public record EpochMetrics(int member, int epoch, double trainLoss, double validationLoss,
                               List<Double> perClassAccuracy) {
    }

    /**
     * A training-set version a model learnt from: the model's provenance, kept even when the version is no longer
     * visible to the model's lab (a revoked grant) or is deleted.
     *
     * @param contentHash the version's content hash at training time
     * @param labId       the lab that owned the version (filled in by the API at registration; null on older cards)
     * @param labName     that lab's name at registration
     */
    public record TrainingData(UUID trainingSetId, int version, String contentHash, UUID labId, String labName) {

        /** Without the owning lab (as the worker writes it; the API adds the lab). */
        public TrainingData(UUID trainingSetId, int version, String contentHash) {
            this(trainingSetId, version, contentHash, null, null);
        }
    }
}
