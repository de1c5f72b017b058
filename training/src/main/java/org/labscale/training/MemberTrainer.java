package org.labscale.training;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.net.NetSpec;
import org.labscale.training.TrainingException.Code;
import org.labscale.training.data.ContextMixer;
import org.labscale.training.data.DenseSampler;
import org.labscale.training.data.EpochSampler;
import org.labscale.training.data.PatchExtractor;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.net.DenseNets;
import org.labscale.training.net.DjlNets;
import org.labscale.training.net.DjlWeights;
import org.labscale.training.optim.Optimizers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

/**
 * Trains one ensemble member, the patch classifier of Van Valen et al. 2016, with DJL on PyTorch: patches sampled
 * at run time around pixels ({@link EpochSampler}, {@link PatchExtractor}), random quarter turns and reflections,
 * softmax cross-entropy with the L2 penalty as weight decay, RMSprop / SGD / Adam. He-initialised weights. After each
 * epoch the held-out pixels give the validation loss and per-class accuracy; after the last epoch the net keeps the
 * weights of the epoch with the lowest validation loss. Cancellable between steps; on CPU the
 * same seed gives the same weights. Holds native memory: close it.
 *
 * <p>With {@code sampling: "dense"} the net is the dilated {@link DenseNets} over crops ({@link DenseSampler}) and the
 * loss is the mean softmax cross-entropy over the crop pixels the sampler masks (class-balanced): per pixel the
 * gradient of training its patch, the work shared by neighbouring patches done once (Li et al. 2014). Batch
 * normalisation then normalises over the crops' positions instead of over independent patches. An epoch is
 * {@code patchesPerEpoch} masked pixels (patch-equivalents); {@link #DENSE_CROPS_PER_STEP} crops per step, sized so
 * that together they mask about {@code batchSize} pixels in expectation ({@link DenseSampler#outputSideFor});
 * validation is on patches in both modes. Xavier's fan-in is the same for a dense layer and its convolution.
 */
public final class MemberTrainer implements AutoCloseable {

    /**
     * Most held-out pixels evaluated per class after each epoch (a seeded sample); fewer for small epochs: a tenth of
     * the epoch's patches spread over the classes, at least 100 per class.
     */
    public static final int VALIDATION_PER_CLASS = 1000;

    /**
     * Dense sampling: crops per step, from independent random places, so that batch normalisation's statistics are
     * not those of one spot.
     */
    public static final int DENSE_CROPS_PER_STEP = 8;

    /**
     * Dense sampling, after each epoch: forward passes of fresh crops ({@link #recalibrationCrops}) with the
     * weights fixed that re-estimate batch normalisation's running statistics ("precise BN", Wu and Johnson 2021,
     * "Rethinking 'Batch' in BatchNorm"). During training they are an exponential average over the last ~10 steps,
     * i.e. ~80 crops from neighbouring places, of weights that were still moving.
     */
    public static final int DENSE_RECALIBRATION_PASSES = 24;

    /**
     * Crops per recalibration pass: 32 up to 128 x 128 input pixels a crop, fewer for larger crops (native memory),
     * never fewer than a training step's {@link #DENSE_CROPS_PER_STEP}.
     */
    static int recalibrationCrops(int inputSide) {
        long budget = 32L * 128 * 128;
        return (int) Math.max(DENSE_CROPS_PER_STEP, Math.min(32, budget / ((long) inputSide * inputSide)));
    }

    static final String ENGINE = "PyTorch";

    private final TrainingPayload payload;
    private final NetSpec net;
    private final int member;
    private final long seed;
    private final int channels;
    private final int classes;
    private final Model model;
    private final SequentialBlock block;
    private final Trainer trainer;
    private final boolean dense;
    private long patchesTrained;
    private List<float[]> best;
    private int bestEpoch;

    /**
     * @param payload with defaults filled in and no problems
     * @param member  0-based; the member trains with seed {@code payload.seed() + member}
     * @param device  null chooses automatically (a GPU when there is one)
     */
    public MemberTrainer(TrainingPayload payload, int member, Device device) {
        this(payload, member, payload.seed() + member, device);
    }

    /**
     * @param seed the member's seed (a retrained member gets another one than {@code payload.seed() + member})
     */
    public MemberTrainer(TrainingPayload payload, int member, long seed, Device device) {
        this.payload = payload;
        this.net = payload.resolvedNet();
        this.member = member;
        this.seed = seed;
        this.channels = payload.channels().size();
        this.classes = payload.classes().size();
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        Device d = device == null ? engine.defaultDevice() : device;
        dense = payload.denseSampling();
        block = dense ? DenseNets.build(net, classes) : DjlNets.build(net, classes);
        model = Model.newInstance("member-" + member, d, ENGINE);
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizers.of(payload.optimizer(), payload.l2()))
                .optDevices(new Device[] {d})
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        trainer = model.newTrainer(config);
        int rf = net.receptiveField();
        // Dense: the crop size is chosen in train() from the data; the parameters do not depend on it.
        trainer.initialize(new Shape(dense ? 1 : payload.batchSize(), channels, rf, rf));
    }

    /**
     * Patches (patch mode) or masked pixels with a loss (dense mode) trained on so far: patch-equivalents, each one
     * pixel's loss and its gradient. Updated before {@link ProgressListener#step}.
     */
    public long patchesTrained() {
        return patchesTrained;
    }

    /** The device training runs on. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /**
     * Trains for the payload's epochs.
     *
     * @return one {@link EpochMetrics} per epoch (also given to {@code listener})
     * @throws TrainingException LOSS_NOT_FINITE, CANCELLED, or a data problem of the split
     */
    public List<EpochMetrics> train(List<TrainingImage> images, ProgressListener listener, BooleanSupplier cancelled)
            throws TrainingException {
        // PyTorch's grad mode is per thread and on by default; DJL switches it off only on the thread that loaded the
        // engine, and a GradientCollector restores what it found. Off here, so the optimiser's in-place updates of the
        // weights work on any thread (a worker runs each job on a new one).
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        for (TrainingImage image : images) {
            if (image.channels().length != channels) {
                throw new TrainingException(Code.CHANNELS_MISMATCH, "Image " + image.name() + " has "
                        + image.channels().length + " channel(s), the net takes " + channels + ".");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        random.nextLong(); // was the split's seed; kept so that member 0 samples as before
        PixelSplit split = split(payload, images);
        PatchExtractor patches = new PatchExtractor(images, net.receptiveField());
        EpochSampler sampler = new EpochSampler(split, payload.balanceClasses(), payload.patchesPerEpoch());
        int perClass = Math.max(100, Math.min(VALIDATION_PER_CLASS, payload.patchesPerEpoch() / (10 * classes)));
        int[] validation = validationSample(split, perClass, random.split());
        int batch = payload.batchSize();
        int patchSize = patches.patchSize();
        float[] x = new float[batch * patchSize];
        float[] y = new float[batch];
        boolean rotate = Boolean.TRUE.equals(payload.augmentation().rotations());
        boolean reflect = Boolean.TRUE.equals(payload.augmentation().reflections());
        int rf = net.receptiveField();
        double mixing = dense ? 0 : payload.augmentation().contextMixingFraction();
        ContextMixer mixer = mixing > 0 ? new ContextMixer(images, ContextMixer.partnersOf(split, patches,
                images.size()), rf, payload.normalization().window()) : null;
        List<EpochMetrics> curve = new ArrayList<>();
        best = null;
        bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        DenseSampler crops = dense ? new DenseSampler(images, split, rf, DenseSampler.outputSideFor(images, split, rf,
                payload.balanceClasses(), Math.max(1, payload.batchSize() / DENSE_CROPS_PER_STEP)),
                payload.balanceClasses(), payload.patchesPerEpoch())
                : null;
        for (int epoch = 1; epoch <= payload.epochs(); epoch++) {
            double trainLoss = dense ? denseEpoch(crops, random, rotate, reflect, epoch, listener, cancelled)
                    : patchEpoch(sampler, patches, mixer, mixing, random, rotate, reflect, x, y, epoch, listener,
                    cancelled);
            if (dense) {
                recalibrateBatchNorm(crops, random.split(), rotate, reflect);
            }
            EpochMetrics metrics = validate(validation, patches, member, epoch, trainLoss);
            curve.add(metrics);
            listener.epoch(metrics);
            if (payload.epochs() > 1 && metrics.validationLoss() < bestLoss) {
                bestLoss = metrics.validationLoss();
                bestEpoch = epoch;
                best = snapshot();
            }
        }
        if (best != null && bestEpoch < payload.epochs()) {
            restore(best);
        }
        if (bestEpoch == 0) {
            bestEpoch = payload.epochs(); // one epoch, or no finite validation loss: the last epoch's weights
        }
        best = null;
        return curve;
    }

    /**
     * One patch epoch: {@link EpochSampler}'s pixels in batches, each patch turned and reflected at random, a
     * {@code mixing} fraction of them mixed with another image's surroundings by {@code mixer} (null: none).
     *
     * @return the mean loss per patch
     */
    private double patchEpoch(EpochSampler sampler, PatchExtractor patches, ContextMixer mixer, double mixing,
                              SplittableRandom random, boolean rotate, boolean reflect, float[] x, float[] y,
                              int epoch, ProgressListener listener, BooleanSupplier cancelled)
            throws TrainingException {
        int batch = payload.batchSize();
        int patchSize = patches.patchSize();
        int rf = net.receptiveField();
        int size = sampler.startEpoch(random);
        int steps = (size + batch - 1) / batch;
        double lossSum = 0;
        for (int step = 0; step < steps; step++) {
            if (cancelled.getAsBoolean()) {
                throw new TrainingException(Code.CANCELLED, "Training was cancelled.");
            }
            int n = Math.min(batch, size - step * batch);
            for (int i = 0; i < n; i++) {
                int id = sampler.sample(step * batch + i);
                int rotation = rotate ? random.nextInt(4) : 0;
                boolean reflected = reflect && random.nextBoolean();
                if (mixer != null && random.nextDouble() < mixing) {
                    int image = patches.imageOf(id);
                    mixer.extract(image, patches.pixelOf(id), mixer.randomSeam(image, random), rotation, reflected,
                            x, i * patchSize);
                } else {
                    patches.extract(id, rotation, reflected, x, i * patchSize);
                }
                y[i] = patches.classOf(id);
            }
            float loss;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray xs = trainer.getManager().create(FloatBuffer.wrap(x, 0, n * patchSize),
                        new Shape(n, channels, rf, rf));
                NDArray ys = trainer.getManager().create(FloatBuffer.wrap(y, 0, n), new Shape(n));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                    NDArray l = trainer.getLoss().evaluate(new NDList(ys), new NDList(logits));
                    collector.backward(l);
                    loss = l.getFloat();
                }
            }
            // Outside the scope: SGD and Adam create their per-parameter state on the first step.
            trainer.step();
            checkFinite(loss, epoch, step + 1);
            lossSum += (double) loss * n;
            patchesTrained += n;
            listener.step(member, epoch, step + 1, steps);
        }
        return lossSum / size;
    }

    /**
     * One dense epoch: crops until {@link DenseSampler#epochSize()} masked pixels have had a loss.
     *
     * @return the mean loss per masked pixel
     */
    private double denseEpoch(DenseSampler crops, SplittableRandom random, boolean rotate, boolean reflect, int epoch,
                              ProgressListener listener, BooleanSupplier cancelled) throws TrainingException {
        int size = crops.epochSize();
        int side = crops.inputSide();
        int k = crops.outputSide();
        int n = DENSE_CROPS_PER_STEP;
        float[] x = new float[n * crops.inputSize()];
        float[] t = new float[n * crops.targetSize()];
        int estimated = (int) Math.max(1, Math.ceil(size / Math.max(1.0, n * crops.expectedPerCrop())));
        long done = 0;
        double lossSum = 0;
        for (int step = 1; done < size; step++) {
            if (cancelled.getAsBoolean()) {
                throw new TrainingException(Code.CANCELLED, "Training was cancelled.");
            }
            int masked = 0;
            for (int i = 0; i < n; i++) {
                masked += crops.crop(random, rotate ? random.nextInt(4) : 0, reflect && random.nextBoolean(), x,
                        i * crops.inputSize(), t, i * crops.targetSize());
            }
            if (masked == 0) {
                continue;
            }
            float loss;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray xs = trainer.getManager().create(FloatBuffer.wrap(x), new Shape(n, channels, side, side));
                NDArray ts = trainer.getManager().create(FloatBuffer.wrap(t), new Shape(n, classes, k, k));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                    NDArray l = logits.logSoftmax(1).mul(ts).sum().neg().div(masked);
                    collector.backward(l);
                    loss = l.getFloat();
                }
            }
            trainer.step();
            checkFinite(loss, epoch, step);
            lossSum += (double) loss * masked;
            done += masked;
            patchesTrained += masked;
            listener.step(member, epoch, step, Math.max(step, estimated));
        }
        return lossSum / done;
    }

    /** See {@link #DENSE_RECALIBRATION_PASSES}; training-mode forward passes without gradients or optimiser steps. */
    private void recalibrateBatchNorm(DenseSampler crops, SplittableRandom random, boolean rotate, boolean reflect) {
        int side = crops.inputSide();
        int n = recalibrationCrops(side);
        float[] x = new float[n * crops.inputSize()];
        float[] t = new float[n * crops.targetSize()];
        for (int pass = 0; pass < DENSE_RECALIBRATION_PASSES; pass++) {
            for (int i = 0; i < n; i++) {
                crops.crop(random, rotate ? random.nextInt(4) : 0, reflect && random.nextBoolean(), x,
                        i * crops.inputSize(), t, i * crops.targetSize());
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray xs = trainer.getManager().create(FloatBuffer.wrap(x), new Shape(n, channels, side, side));
                trainer.forward(new NDList(xs));
            }
        }
    }

    private void checkFinite(float loss, int epoch, int step) throws TrainingException {
        if (!Float.isFinite(loss)) {
            throw new TrainingException(Code.LOSS_NOT_FINITE, "The training loss of member " + member
                    + " became " + loss + " in epoch " + epoch + ", step " + step + "; lower the"
                    + " learning rate (now " + payload.optimizer().learningRate() + ") and check the images"
                    + " for extreme values.");
        }
    }

    /**
     * The held-out part every member of the payload's ensemble shares (seeded by the payload's seed, not the
     * member's), so that the ensemble's validation images were seen by no member: the payload's
     * {@code validationImageIds} (image names are their ids), else {@code validationFraction} of the images.
     */
    public static PixelSplit split(TrainingPayload payload, List<TrainingImage> images) throws TrainingException {
        Set<String> chosen = payload.validationImageIds() == null ? null : payload.validationImageIds().stream()
                .map(UUID::toString).collect(Collectors.toCollection(TreeSet::new));
        return PixelSplit.of(images, payload.classes(), payload.validationFraction(),
                new SplittableRandom(payload.seed()).nextLong(), chosen);
    }

    /**
     * The epoch whose weights the net holds after {@link #train}: the one with the lowest validation loss (early
     * stopping by validation, as with Keras's {@code ModelCheckpoint(save_best_only=True)}); 0 before training.
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    private List<float[]> snapshot() {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private void restore(List<float[]> values) {
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(FloatBuffer.wrap(values.get(i++)));
        }
    }

    /** Class probabilities {@code [n][classes]} for patches {@code [n, channels, rf, rf]} (inference mode). */
    public float[][] predict(float[] patches, int n) {
        int rf = net.receptiveField();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xs = trainer.getManager().create(FloatBuffer.wrap(patches, 0, n * channels * rf * rf),
                    new Shape(n, channels, rf, rf));
            float[] p = trainer.evaluate(new NDList(xs)).singletonOrThrow().softmax(1).toFloatArray();
            float[][] out = new float[n][classes];
            for (int i = 0; i < n; i++) {
                System.arraycopy(p, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }

    /** The current parameters, for the exporter. */
    public NetWeights weights() {
        return DjlWeights.extract(block);
    }

    public long seed() {
        return seed;
    }

    private EpochMetrics validate(int[] ids, PatchExtractor patches, int member, int epoch, double trainLoss) {
        int batch = Math.max(1, Math.min(256, payload.batchSize() * 4));
        int patchSize = patches.patchSize();
        float[] x = new float[batch * patchSize];
        int[] correct = new int[classes];
        int[] seen = new int[classes];
        double lossSum = 0;
        for (int start = 0; start < ids.length; start += batch) {
            int n = Math.min(batch, ids.length - start);
            for (int i = 0; i < n; i++) {
                patches.extract(ids[start + i], 0, false, x, i * patchSize);
            }
            float[][] p = predict(x, n);
            for (int i = 0; i < n; i++) {
                int k = patches.classOf(ids[start + i]);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[i][c] > p[i][best]) {
                        best = c;
                    }
                }
                seen[k]++;
                if (best == k) {
                    correct[k]++;
                }
                lossSum -= Math.log(Math.max(p[i][k], 1e-12));
            }
        }
        List<Double> accuracy = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            accuracy.add(seen[k] == 0 ? 0.0 : (double) correct[k] / seen[k]);
        }
        return new EpochMetrics(member, epoch, trainLoss, ids.length == 0 ? 0 : lossSum / ids.length, accuracy);
    }

    private static int[] validationSample(PixelSplit split, int perClass, SplittableRandom random) {
        int[][] byClass = split.validation();
        int total = 0;
        for (int[] ids : byClass) {
            total += Math.min(perClass, ids.length);
        }
        int[] out = new int[total];
        int o = 0;
        for (int[] ids : byClass) {
            int n = Math.min(perClass, ids.length);
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(ids.length - i);
                int t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
            System.arraycopy(ids, 0, out, o, n);
            o += n;
        }
        return out;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
