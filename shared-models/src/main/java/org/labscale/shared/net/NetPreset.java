package org.labscale.shared.net;

import java.util.List;

/**
 * A named, documented net with the input channels (roles, in input order) and classes (in output order) it is meant
 * for. A training payload may name a preset instead of listing layers.
 *
 * @param net         the layers and receptive field; {@code net.name()} is the preset's name
 * @param channels    default channel roles, e.g. {@code ["phase","nuclear"]}
 * @param classes     default class names, background first, e.g. {@code ["background","boundary","interior"]}
 * @param description what it is for and how it is built
 * @param sampling    how a training job samples when it does not say: {@code "patch"} or {@code "dense"} (see
 *                    {@code TrainingPayload#sampling})
 * @param batchSize   the batch size a training job uses when it gives neither a batch size nor another sampling
 * @param normalization the normalisation method ({@link Normalization#METHODS}) a training job uses when it names
 *                    none
 * @param contextMixing the fraction of patches a patch-sampling job mixes with another image's surroundings when it
 *                    says nothing ({@code TrainingPayload.Augmentation#contextMixing}), 0 to 1
 */
public record NetPreset(NetSpec net, List<String> channels, List<String> classes, String description,
                        String sampling, int batchSize, String normalization, double contextMixing) {

    /** Patch sampling, batch 64: the paper's way of training. */
    public static final String PATCH = "patch";
    /** Dense sampling: the dilated net over crops. */
    public static final String DENSE = "dense";
    /** The default batch size of patch sampling. */
    public static final int PATCH_BATCH = 64;
    /**
     * The default batch size (masked pixels per step) of dense sampling: on HeLa-S3 cytoplasm 1,024 trained faster
     * and better than 256 at the same patches (docs/benchmarks.md, session 14), as on bacteria (session 7).
     */
    public static final int DENSE_BATCH = 1024;

    public NetPreset {
        channels = List.copyOf(channels);
        classes = List.copyOf(classes);
        net.validate(channels.size(), classes.size());
        if (!PATCH.equals(sampling) && !DENSE.equals(sampling) || batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("preset " + net.name() + ": sampling must be patch or dense and the"
                    + " batch size 1 to 4096, not " + sampling + " and " + batchSize);
        }
        if (!Normalization.known(normalization)) {
            throw new IllegalArgumentException("preset " + net.name() + ": normalisation must be one of "
                    + Normalization.METHODS + ", not " + normalization);
        }
        if (!(contextMixing >= 0 && contextMixing <= 1)) {
            throw new IllegalArgumentException("preset " + net.name() + ": context mixing must be 0 to 1, not "
                    + contextMixing);
        }
    }

    /** A preset without context mixing. */
    public NetPreset(NetSpec net, List<String> channels, List<String> classes, String description,
                     String sampling, int batchSize, String normalization) {
        this(net, channels, classes, description, sampling, batchSize, normalization, 0);
    }

    /** A preset with the default normalisation ({@link Normalization#DEFAULT_METHOD}). */
    public NetPreset(NetSpec net, List<String> channels, List<String> classes, String description,
                     String sampling, int batchSize) {
        this(net, channels, classes, description, sampling, batchSize, Normalization.DEFAULT_METHOD);
    }

    /** A preset trained with patch sampling at batch 64 unless a job says otherwise. */
    public NetPreset(NetSpec net, List<String> channels, List<String> classes, String description) {
        this(net, channels, classes, description, PATCH, PATCH_BATCH);
    }

    /**
     * The default batch size of a job that samples with {@code jobSampling}: the preset's own for its sampling, else
     * that sampling's ({@link #defaultBatch}).
     */
    public int batchSizeFor(String jobSampling) {
        return sampling.equals(jobSampling) ? batchSize : defaultBatch(jobSampling);
    }

    /** {@link #DENSE_BATCH} for dense sampling, {@link #PATCH_BATCH} for patches. */
    public static int defaultBatch(String sampling) {
        return DENSE.equals(sampling) ? DENSE_BATCH : PATCH_BATCH;
    }

    /** The preset's name, e.g. {@code nuclear-net}. */
    public String name() {
        return net.name();
    }
}
