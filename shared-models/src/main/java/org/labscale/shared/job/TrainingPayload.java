package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.labscale.shared.net.NetPreset;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;

/**
 * Input of a {@link JobKind#TRAINING} job: train an ensemble of patch classifiers (Van Valen et al. 2016) on frozen
 * training-set versions and register it as a new version of the model {@code modelName}. Null fields take the
 * defaults of {@link #withDefaults()}; {@link #problems()} lists what is internally wrong (the API answers 400
 * {@code job.invalid-payload} with them, and checks the training sets against the lab's data itself).
 *
 * <p>Defaults (the paper's where it gives them, otherwise a careful practitioner's; see METHOD.md): preset
 * {@code nuclear-net} when neither a preset nor a net is given; channels and classes of the preset (else
 * {@code ["nuclear"]} and background/boundary/interior); the preset's normalisation method ({@code
 * robust-local-mean}; the paper's {@code median-local-mean} for semantic nets) with a window of the receptive
 * field; rotations and reflections on; classes balanced; 100,000 patches per epoch, 10 epochs, batch 64 (dense
 * sampling: 1,024);
 * RMSprop with learning rate 1e-3, rho 0.9, epsilon 1e-7 (SGD: 1e-2 with momentum 0.9; Adam: 1e-3, beta1 0.9,
 * beta2 0.999, epsilon 1e-8); L2 1e-6 (the paper tried 1e-7 to 1e-5); 10% held out for validation; 5 members;
 * seed 1 (member i trains with seed + i); model name = the net's name; patch sampling. A preset may train otherwise
 * by default ({@link NetPreset#sampling()}, {@link NetPreset#batchSize()}): bacteria-net samples densely at batch
 * 1,024; a batch size given without sampling keeps the preset's sampling, a sampling other than the preset's gets
 * that sampling's batch (patch 64, dense 1,024: {@link NetPreset#defaultBatch}).
 *
 * @param trainingSets       1 to 20 distinct training-set versions of the job's lab
 * @param modelName          the model the result is registered under (a new version when it exists)
 * @param preset             a {@link NetPresets} name; exactly one of preset and net
 * @param net                custom layers; exactly one of preset and net
 * @param channels           channel roles in the net's input order; each training item must have them
 * @param classes            class names in output order: background, boundary, then one or more interior classes
 *                           (class-map values 0, 1, 2...): {@code interior} alone or {@code interior:<cell type>}
 *                           each, the lab's own cell-type names, which the model card and the per-cell CSV of
 *                           segmentation jobs use (a preset fixes only their number)
 * @param normalization      how images are normalised
 * @param augmentation       on-the-fly rotations by multiples of 90 degrees, reflections and context mixing
 * @param balanceClasses     down-sample every class to the rarest one
 * @param patchesPerEpoch    training patches drawn per epoch, 100 to 10,000,000
 * @param epochs             1 to 1,000
 * @param batchSize          1 to 4,096
 * @param optimizer          RMSprop, SGD or Adam and their settings
 * @param l2                 weight-decay penalty on all weights, 0 to 1
 * @param validationFraction fraction held out (whole images when there are several), 0.01 to 0.5
 * @param ensembleSize       independently trained members, 1 to 20
 * @param seed               makes training reproducible on CPU
 * @param description        shown on the model card
 * @param licence            shown on the model card, e.g. {@code CC-BY-4.0}
 * @param sampling           {@code "patch"} (patches cut around sampled pixels, one forward pass each; the default
 *                           but for bacteria-net) or
 *                           {@code "dense"} (the dilated net over image crops, the loss over a class-balanced random
 *                           subset of their pixels; same gradient per pixel, shared work done once; batch
 *                           normalisation's batch statistics are then over the crops' positions)
 * @param validationImageIds the images held out whole for validation (each must be an image of the training sets,
 *                           at least one image must remain to train on); null: {@code validationFraction} of the
 *                           images, chosen by the seed (the API writes its choice here at submit)
 * @param pixelSizeUm        the pixel size (micrometres) the net trains at, greater than 0 and at most 1,000: every
 *                           training image and its class map is resampled to it ({@link TrainingPixelSize}), and the
 *                           model's segmentation jobs resample each image with a known pixel size to it and back.
 *                           Null: the finest pixel size of the training images when they all have one, else none
 *                           (images as they are). Every training image needs a pixel size when it is given
 */
public record TrainingPayload(List<TrainingSetRef> trainingSets, String modelName, String preset, NetSpec net,
                              List<String> channels, List<String> classes, Normalization normalization,
                              Augmentation augmentation, Boolean balanceClasses, Integer patchesPerEpoch,
                              Integer epochs, Integer batchSize, OptimizerSpec optimizer, Double l2,
                              Double validationFraction, Integer ensembleSize, Long seed, String description,
                              String licence, String sampling, List<UUID> validationImageIds, Double pixelSizeUm)
        implements JobPayload {

    /** Largest {@link #pixelSizeUm()}: a millimetre per pixel is surely a unit error. */
    public static final double MAX_PIXEL_SIZE_UM = 1000;

    /** Preset used when neither a preset nor a net is given. */
    public static final String DEFAULT_PRESET = "nuclear-net";
    /** Classes of annotations derived from cell masks. */
    public static final List<String> THREE_CLASSES = List.of("background", "boundary", "interior");
    /** The single interior class of {@link #THREE_CLASSES}. */
    public static final String INTERIOR = "interior";
    /** Prefix of the interior classes of a net that tells cell types apart: {@code interior:<cell type>}. */
    public static final String INTERIOR_PREFIX = "interior:";

    /** {@link #sampling()}: patches one by one. */
    public static final String SAMPLING_PATCH = NetPreset.PATCH;
    /** {@link #sampling()}: the dilated net over crops, a loss at sampled pixels. */
    public static final String SAMPLING_DENSE = NetPreset.DENSE;

    /** Without {@code sampling} (patch sampling after {@link #withDefaults()}). */
    public TrainingPayload(List<TrainingSetRef> trainingSets, String modelName, String preset, NetSpec net,
                           List<String> channels, List<String> classes, Normalization normalization,
                           Augmentation augmentation, Boolean balanceClasses, Integer patchesPerEpoch,
                           Integer epochs, Integer batchSize, OptimizerSpec optimizer, Double l2,
                           Double validationFraction, Integer ensembleSize, Long seed, String description,
                           String licence) {
        this(trainingSets, modelName, preset, net, channels, classes, normalization, augmentation, balanceClasses,
                patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction, ensembleSize, seed, description,
                licence, null, null);
    }

    /** Without {@code validationImageIds}. */
    public TrainingPayload(List<TrainingSetRef> trainingSets, String modelName, String preset, NetSpec net,
                           List<String> channels, List<String> classes, Normalization normalization,
                           Augmentation augmentation, Boolean balanceClasses, Integer patchesPerEpoch,
                           Integer epochs, Integer batchSize, OptimizerSpec optimizer, Double l2,
                           Double validationFraction, Integer ensembleSize, Long seed, String description,
                           String licence, String sampling) {
        this(trainingSets, modelName, preset, net, channels, classes, normalization, augmentation, balanceClasses,
                patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction, ensembleSize, seed, description,
                licence, sampling, null);
    }

    /** Without {@code pixelSizeUm}. */
    public TrainingPayload(List<TrainingSetRef> trainingSets, String modelName, String preset, NetSpec net,
                           List<String> channels, List<String> classes, Normalization normalization,
                           Augmentation augmentation, Boolean balanceClasses, Integer patchesPerEpoch,
                           Integer epochs, Integer batchSize, OptimizerSpec optimizer, Double l2,
                           Double validationFraction, Integer ensembleSize, Long seed, String description,
                           String licence, String sampling, List<UUID> validationImageIds) {
        this(trainingSets, modelName, preset, net, channels, classes, normalization, augmentation, balanceClasses,
                patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction, ensembleSize, seed, description,
                licence, sampling, validationImageIds, null);
    }

    /** This payload with another {@link #pixelSizeUm()}. */
    public TrainingPayload withPixelSizeUm(Double value) {
        return new TrainingPayload(trainingSets, modelName, preset, net, channels, classes, normalization,
                augmentation, balanceClasses, patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction,
                ensembleSize, seed, description, licence, sampling, validationImageIds, value);
    }

    /** This payload with other {@link #validationImageIds()}. */
    public TrainingPayload withValidationImageIds(List<UUID> value) {
        return new TrainingPayload(trainingSets, modelName, preset, net, channels, classes, normalization,
                augmentation, balanceClasses, patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction,
                ensembleSize, seed, description, licence, sampling, value, pixelSizeUm);
    }

    /** This payload with another {@link #sampling()}. */
    public TrainingPayload withSampling(String value) {
        return new TrainingPayload(trainingSets, modelName, preset, net, channels, classes, normalization,
                augmentation, balanceClasses, patchesPerEpoch, epochs, batchSize, optimizer, l2, validationFraction,
                ensembleSize, seed, description, licence, value, validationImageIds, pixelSizeUm);
    }

    /** Whether {@link #sampling()} is {@link #SAMPLING_DENSE}. */
    public boolean denseSampling() {
        return SAMPLING_DENSE.equals(sampling);
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }

    /**
     * On-the-fly augmentation.
     *
     * @param rotations     random rotation by 0, 90, 180 or 270 degrees
     * @param reflections   random horizontal reflection
     * @param contextMixing fraction of the training patches (0 to 1; patch sampling only) whose surroundings beyond a
     *                      random straight seam come from another training image, the label staying the centre
     *                      pixel's: a cell's class is its own, whatever lies next to it (cell types in co-culture).
     *                      The default is the preset's ({@link NetPreset#contextMixing()}: 0 but for semantic nets),
     *                      0 with dense sampling
     */
    public record Augmentation(Boolean rotations, Boolean reflections, Double contextMixing) {

        /** Without context mixing's fraction (the preset's default). */
        public Augmentation(Boolean rotations, Boolean reflections) {
            this(rotations, reflections, null);
        }

        /** {@link #contextMixing()}, 0 when not given. */
        public double contextMixingFraction() {
            return contextMixing == null ? 0 : contextMixing;
        }
    }

    /**
     * The optimiser.
     *
     * @param type         RMSPROP (the paper's), SGD or ADAM
     * @param learningRate greater than 0, at most 10
     * @param rho          RMSprop's decay of the squared-gradient average; Adam's beta2; 0 to below 1
     * @param momentum     SGD's momentum; Adam's beta1; 0 to below 1
     * @param epsilon      added to the denominator (RMSprop, Adam), greater than 0, at most 1
     */
    public record OptimizerSpec(Type type, Double learningRate, Double rho, Double momentum, Double epsilon) {

        public enum Type { RMSPROP, SGD, ADAM }

        /** This optimiser with the defaults of its type filled in. */
        public OptimizerSpec withDefaults() {
            Type t = type == null ? Type.RMSPROP : type;
            return switch (t) {
                case RMSPROP -> new OptimizerSpec(t, or(learningRate, 1e-3), or(rho, 0.9), or(momentum, 0.0),
                        or(epsilon, 1e-7));
                case SGD -> new OptimizerSpec(t, or(learningRate, 1e-2), or(rho, 0.0), or(momentum, 0.9),
                        or(epsilon, 1e-7));
                case ADAM -> new OptimizerSpec(t, or(learningRate, 1e-3), or(rho, 0.999), or(momentum, 0.9),
                        or(epsilon, 1e-8));
            };
        }
    }

    /** The preset this payload names, if any (after {@link #withDefaults()}, the preset in use). */
    public NetPreset presetOrNull() {
        return NetPresets.find(preset).orElse(null);
    }

    /** The net that will be trained: the named preset's, or the custom one; null if neither resolves. */
    public NetSpec resolvedNet() {
        if (net != null) {
            return net;
        }
        NetPreset p = presetOrNull();
        return p == null ? null : p.net();
    }

    /** Preset of {@link #withCpuDefaults()} when neither a preset nor a net is given. */
    public static final String CPU_DEFAULT_PRESET = "nuclear-net-fast";
    /** Patches per epoch of {@link #withCpuDefaults()}. */
    public static final int CPU_PATCHES_PER_EPOCH = 10_000;
    /** Epochs of {@link #withCpuDefaults()}. */
    public static final int CPU_EPOCHS = 4;
    /** Ensemble size of {@link #withCpuDefaults()}. */
    public static final int CPU_ENSEMBLE_SIZE = 3;

    /**
     * The defaults for a lab that no GPU worker serves, where the payload gives none: preset
     * {@value #CPU_DEFAULT_PRESET} (the paper's 61x61 nuclear net trains at ~15 patches/s on two CPU cores, its fast
     * variant at ~10 times that), {@value #CPU_PATCHES_PER_EPOCH} patches per epoch, {@value #CPU_EPOCHS} epochs and
     * {@value #CPU_ENSEMBLE_SIZE} members (120,000 patches instead of 5,000,000: minutes instead of ~90 hours); then
     * {@link #withDefaults()}.
     */
    public TrainingPayload withCpuDefaults() {
        String presetName = preset == null && net == null ? CPU_DEFAULT_PRESET : preset;
        return new TrainingPayload(trainingSets, modelName, presetName, net, channels, classes, normalization,
                augmentation, balanceClasses, or(patchesPerEpoch, CPU_PATCHES_PER_EPOCH), or(epochs, CPU_EPOCHS),
                batchSize, optimizer, l2, validationFraction, or(ensembleSize, CPU_ENSEMBLE_SIZE), seed, description,
                licence, sampling, validationImageIds, pixelSizeUm).withDefaults();
    }

    /** This payload with every default filled in (see the class documentation). Idempotent. */
    public TrainingPayload withDefaults() {
        String presetName = preset == null && net == null ? DEFAULT_PRESET : preset;
        NetPreset p = NetPresets.find(presetName).orElse(null);
        NetSpec n = net != null ? net : p == null ? null : p.net();
        List<String> ch = channels != null ? channels : p != null ? p.channels() : List.of("nuclear");
        List<String> cl = classes != null ? classes : p != null ? p.classes() : THREE_CLASSES;
        int rf = n == null ? 0 : n.receptiveField();
        String method = normalization != null && normalization.method() != null ? normalization.method()
                : trainedAsPreset(p) != null ? trainedAsPreset(p).normalization() : Normalization.DEFAULT_METHOD;
        Normalization norm = new Normalization(method, normalization == null || normalization.window() == null ? rf
                : normalization.window());
        String how = or(sampling, trainedAsPreset(p) == null ? SAMPLING_PATCH : trainedAsPreset(p).sampling());
        double mixing = trainedAsPreset(p) == null || !SAMPLING_PATCH.equals(how) ? 0
                : trainedAsPreset(p).contextMixing();
        Augmentation aug = augmentation == null ? new Augmentation(true, true, mixing)
                : new Augmentation(or(augmentation.rotations(), true), or(augmentation.reflections(), true),
                or(augmentation.contextMixing(), mixing));
        OptimizerSpec opt = (optimizer == null ? new OptimizerSpec(null, null, null, null, null) : optimizer)
                .withDefaults();
        String name = modelName != null ? modelName : n != null ? n.name() : presetName;
        NetPreset trainedAs = trainedAsPreset(p); // custom layers train as the paper does
        int batch = or(batchSize, trainedAs == null ? NetPreset.defaultBatch(how) : trainedAs.batchSizeFor(how));
        return new TrainingPayload(trainingSets, name, presetName, net, ch, cl, norm, aug, or(balanceClasses, true),
                or(patchesPerEpoch, 100_000), or(epochs, 10), batch, opt, or(l2, 1e-6),
                or(validationFraction, 0.1), or(ensembleSize, 5), or(seed, 1L), description == null ? ""
                : description, licence, how, validationImageIds, pixelSizeUm);
    }

    /** The preset whose training defaults apply: none when the payload lists its own layers. */
    private NetPreset trainedAsPreset(NetPreset p) {
        return net == null ? p : null;
    }

    /**
     * Sentences naming every internally invalid value of this payload (call after {@link #withDefaults()}); empty
     * when valid. Whether the training sets exist and match the channels and classes is checked by the API.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (trainingSets == null || trainingSets.isEmpty() || trainingSets.size() > 20) {
            out.add("trainingSets must name 1 to 20 training-set versions, not "
                    + (trainingSets == null ? 0 : trainingSets.size()) + ".");
        } else {
            Set<TrainingSetRef> seen = new HashSet<>();
            for (int i = 0; i < trainingSets.size(); i++) {
                TrainingSetRef ref = trainingSets.get(i);
                if (ref == null || ref.trainingSetId() == null) {
                    out.add("trainingSets[" + i + "] needs a trainingSetId.");
                } else if (ref.version() == null || ref.version() < 1) {
                    out.add("trainingSets[" + i + "].version must be 1 or more, not " + ref.version() + ".");
                } else if (!seen.add(ref)) {
                    out.add("trainingSets[" + i + "] repeats " + ref.trainingSetId() + " version " + ref.version()
                            + ".");
                }
            }
        }
        if (modelName == null || modelName.isBlank() || modelName.length() > 100) {
            out.add("modelName must be 1 to 100 characters.");
        }
        if (preset != null && net != null) {
            out.add("Give either a preset or a net, not both.");
        } else if (preset != null && NetPresets.find(preset).isEmpty()) {
            out.add("Unknown preset \"" + preset + "\"; known presets: " + String.join(", ",
                    NetPresets.all().stream().map(NetPreset::name).toList()) + ".");
        }
        names("channels", channels, 1, NetSpec.MAX_CHANNELS, out);
        names("classes", classes, 3, NetSpec.MAX_CHANNELS, out);
        interiorNames(classes, out);
        NetPreset p = net == null ? presetOrNull() : null;
        if (p != null && channels != null && channels.size() != p.channels().size()) {
            out.add("The preset " + p.name() + " takes " + p.channels().size() + " channel(s) " + p.channels()
                    + ", but " + channels.size() + " were given " + channels + "; use a matching preset or a"
                    + " custom net.");
        }
        if (p != null && classes != null && classes.size() != p.classes().size()) {
            out.add("The preset " + p.name() + " predicts " + p.classes().size() + " classes " + p.classes()
                    + ", but " + classes.size() + " were given; use a matching preset or a custom net.");
        }
        NetSpec n = resolvedNet();
        if (n != null && channels != null && classes != null) {
            out.addAll(n.problems(channels.size(), classes.size()));
        }
        if (normalization != null) {
            if (!Normalization.known(normalization.method())) {
                out.add("normalization.method must be one of " + Normalization.METHODS + ", not \""
                        + normalization.method() + "\".");
            }
            Integer w = normalization.window();
            if (w == null || w < 3 || w > 255 || w % 2 == 0) {
                out.add("normalization.window must be an odd number from 3 to 255, not " + w + ".");
            }
        }
        range("patchesPerEpoch", patchesPerEpoch, 100, 10_000_000, out);
        range("epochs", epochs, 1, 1000, out);
        range("batchSize", batchSize, 1, 4096, out);
        range("ensembleSize", ensembleSize, 1, 20, out);
        if (l2 == null || !(l2 >= 0 && l2 <= 1)) {
            out.add("l2 must be between 0 and 1, not " + l2 + ".");
        }
        if (validationFraction == null || !(validationFraction >= 0.01 && validationFraction <= 0.5)) {
            out.add("validationFraction must be between 0.01 and 0.5, not " + validationFraction + ".");
        }
        if (optimizer != null) {
            Double lr = optimizer.learningRate();
            if (optimizer.type() == null) {
                out.add("optimizer.type must be RMSPROP, SGD or ADAM.");
            }
            if (lr == null || !(lr > 0 && lr <= 10)) {
                out.add("optimizer.learningRate must be greater than 0 and at most 10, not " + lr + ".");
            }
            if (optimizer.rho() == null || !(optimizer.rho() >= 0 && optimizer.rho() < 1)) {
                out.add("optimizer.rho must be at least 0 and below 1, not " + optimizer.rho() + ".");
            }
            if (optimizer.momentum() == null || !(optimizer.momentum() >= 0 && optimizer.momentum() < 1)) {
                out.add("optimizer.momentum must be at least 0 and below 1, not " + optimizer.momentum() + ".");
            }
            if (optimizer.epsilon() == null || !(optimizer.epsilon() > 0 && optimizer.epsilon() <= 1)) {
                out.add("optimizer.epsilon must be greater than 0 and at most 1, not " + optimizer.epsilon() + ".");
            }
        }
        if (sampling != null && !SAMPLING_PATCH.equals(sampling) && !SAMPLING_DENSE.equals(sampling)) {
            out.add("sampling must be \"patch\" (patches cut around pixels and trained one by one) or \"dense\" (the"
                    + " dilated net over image crops, the loss at a class-balanced sample of their pixels), not \""
                    + sampling + "\".");
        }
        if (augmentation != null && augmentation.contextMixing() != null) {
            double m = augmentation.contextMixing();
            if (!(m >= 0 && m <= 1)) {
                out.add("augmentation.contextMixing must be between 0 and 1 (the fraction of patches mixed), not " + m
                        + ".");
            } else if (m > 0 && SAMPLING_DENSE.equals(sampling)) {
                out.add("augmentation.contextMixing works with patch sampling only; give 0 or leave it out with"
                        + " sampling \"dense\".");
            }
        }
        if (validationImageIds != null) {
            Set<UUID> seen = new HashSet<>();
            for (int i = 0; i < validationImageIds.size(); i++) {
                UUID id = validationImageIds.get(i);
                if (id == null || !seen.add(id)) {
                    out.add("validationImageIds[" + i + "] is " + (id == null ? "null" : "a duplicate") + ".");
                }
            }
            if (validationImageIds.isEmpty()) {
                out.add("validationImageIds must name at least one image, or be left out to hold out"
                        + " validationFraction of the images.");
            }
        }
        if (pixelSizeUm != null && !(pixelSizeUm > 0 && pixelSizeUm <= MAX_PIXEL_SIZE_UM)) {
            out.add("pixelSizeUm must be greater than 0 and at most 1000 (micrometres per pixel), not " + pixelSizeUm
                    + ".");
        }
        if (description != null && description.length() > 10_000) {
            out.add("description must be at most 10000 characters.");
        }
        if (licence != null && licence.length() > 200) {
            out.add("licence must be at most 200 characters.");
        }
        return out;
    }

    private static void names(String field, List<String> names, int min, int max, List<String> out) {
        if (names == null || names.size() < min || names.size() > max) {
            out.add(field + " must list " + min + " to " + max + " names, not " + (names == null ? 0 : names.size())
                    + ".");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank() || name.length() > 100) {
                out.add(field + "[" + i + "] must be 1 to 100 characters.");
            } else if (!seen.add(name)) {
                out.add(field + "[" + i + "] repeats \"" + name + "\".");
            }
        }
    }

    /** Classes from the third on must be interior classes: {@code interior}, or {@code interior:<cell type>} each. */
    private static void interiorNames(List<String> classes, List<String> out) {
        if (classes == null || classes.size() < 3) {
            return;
        }
        for (int i = 2; i < classes.size(); i++) {
            String name = classes.get(i);
            boolean single = INTERIOR.equals(name) && classes.size() == 3;
            boolean typed = name != null && name.startsWith(INTERIOR_PREFIX)
                    && !name.substring(INTERIOR_PREFIX.length()).isBlank();
            if (name != null && !name.isBlank() && !single && !typed) {
                String example = name.startsWith(INTERIOR) ? "" : " (e.g. \"" + INTERIOR_PREFIX + name + "\")";
                out.add("classes[" + i + "] must be an interior class: \"" + INTERIOR + "\" when there is one,"
                        + " else \"" + INTERIOR_PREFIX + "<cell type>\" each" + example + ", not \"" + name + "\".");
            }
        }
    }

    private static void range(String field, Integer value, int min, int max, List<String> out) {
        if (value == null || value < min || value > max) {
            out.add(field + " must be between " + min + " and " + max + ", not " + value + ".");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
