package org.labscale.segmentation.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.segmentation.SegmentationException;
import org.labscale.shared.net.Normalization;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ensemble of ONNX members run with ONNX Runtime, their softmax maps averaged ("model parallelism" of Van Valen et
 * al. 2016). Every member is verified by SHA-256 before its session exists ({@link ModelMember#readVerified()}), and
 * all members must agree on channels, classes, receptive field and normalisation (read from their Labscale metadata).
 *
 * <p>Sessions use graph optimisation level ALL (fusions are made for this machine at load; the stored file stays
 * unoptimised and portable) and the configured intra-op threads. With {@code preferCuda} the CUDA execution provider
 * is added when this ONNX Runtime build has it (Maven profile {@code cuda}) and a GPU answers; otherwise the CPU is
 * used and {@link #device()} says why.
 *
 * <p>Contract of each member: input {@code image} float [N, C, H, W], normalised; output {@code probabilities}
 * float [N, K, H, W], same H and W (the graph reflect-pads internally).
 */
public final class EnsembleModel implements AutoCloseable {

    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";

    private static final System.Logger LOG = System.getLogger(EnsembleModel.class.getName());

    private final OrtEnvironment env;
    private final List<OrtSession> sessions;
    private final ModelMetadata metadata;
    private final String device;
    private final InferenceSettings settings;
    private final int members;

    private EnsembleModel(OrtEnvironment env, List<OrtSession> sessions, ModelMetadata metadata, String device,
                          InferenceSettings settings, int members) {
        this.members = members;
        this.env = env;
        this.sessions = sessions;
        this.metadata = metadata;
        this.device = device;
        this.settings = settings;
    }

    /**
     * Verifies and loads the members.
     *
     * @throws SegmentationException a tampered or unreadable file, members that disagree, or a model ONNX Runtime
     *                               refuses; no session is left open
     */
    public static EnsembleModel open(List<ModelMember> members, InferenceSettings settings)
            throws SegmentationException {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        List<byte[]> models = new ArrayList<>();
        ModelMetadata first = null;
        for (ModelMember member : members) {
            byte[] bytes = member.readVerified();
            ModelMetadata metadata;
            try {
                metadata = ModelMetadata.read(bytes);
            } catch (IllegalArgumentException e) {
                throw new SegmentationException(SegmentationException.MODEL_UNREADABLE, "The model file "
                        + member.file().getFileName() + " is not a Labscale model: " + e.getMessage(), e);
            }
            if (first == null) {
                first = metadata;
                checkNormalization(first, member);
            } else if (first.receptiveField() != metadata.receptiveField()
                    || !first.channels().equals(metadata.channels()) || !first.classes().equals(metadata.classes())
                    || !first.normalization().equals(metadata.normalization())
                    || !java.util.Objects.equals(first.pixelSizeUm(), metadata.pixelSizeUm())) {
                throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "The ensemble's members"
                        + " disagree: " + member.file().getFileName() + " has receptive field "
                        + metadata.receptiveField() + ", channels " + metadata.channels() + ", classes "
                        + metadata.classes() + ", pixel size " + metadata.pixelSizeUm() + " um but the first member "
                        + first.receptiveField() + ", " + first.channels() + ", " + first.classes() + ", "
                        + first.pixelSizeUm() + " um.");
            }
            models.add(bytes);
        }
        if (settings.fuseMembers() && models.size() > 1) {
            return fromBytes(List.of(EnsembleGraphFusion.fuse(models)), first, settings, models.size());
        }
        return fromBytes(models, first, settings, models.size());
    }

    private static EnsembleModel fromBytes(List<byte[]> models, ModelMetadata metadata, InferenceSettings settings,
                                           int members) throws SegmentationException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> sessions = new ArrayList<>();
        String device = "CPU";
        try {
            for (byte[] bytes : models) {
                OrtSession.SessionOptions options = cpuOptions(settings);
                if (settings.preferCuda()) {
                    String reason = addCuda(options, settings.cudaDevice());
                    if (reason == null) {
                        device = "CUDA:" + settings.cudaDevice();
                    } else {
                        options.close();
                        options = cpuOptions(settings);
                        device = "CPU (" + reason + ")";
                        if (sessions.isEmpty()) {
                            // Expected on CPU builds; worth a warning only when a CUDA build cannot use its GPU.
                            LOG.log(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
                                    ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                                    "Running on the CPU: " + reason);
                        }
                    }
                }
                try {
                    OrtSession session = env.createSession(bytes, options);
                    sessions.add(session);
                    if (!session.getInputNames().contains(INPUT) || !session.getOutputNames().contains(OUTPUT)) {
                        throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "The model has"
                                + " inputs " + session.getInputNames() + " and outputs " + session.getOutputNames()
                                + "; a Labscale model has input '" + INPUT + "' and output '" + OUTPUT + "'.");
                    }
                } finally {
                    options.close();
                }
            }
        } catch (OrtException e) {
            closeAll(sessions);
            throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "ONNX Runtime could not load"
                    + " the model: " + e.getMessage(), e);
        } catch (SegmentationException | RuntimeException e) {
            closeAll(sessions);
            throw e;
        }
        return new EnsembleModel(env, sessions, metadata, device, settings, members);
    }

    private static void checkNormalization(ModelMetadata metadata, ModelMember member) throws SegmentationException {
        if (metadata.normalization() == null
                || !Normalization.known(metadata.normalization().method())
                || metadata.normalization().window() == null || metadata.normalization().window() < 1
                || metadata.normalization().window() % 2 == 0) {
            throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "The model "
                    + member.file().getFileName() + " asks for normalisation " + metadata.normalization()
                    + "; this version applies " + Normalization.METHODS + " with an odd window.");
        }
    }

    private static OrtSession.SessionOptions cpuOptions(InferenceSettings settings) throws SegmentationException {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            return options;
        } catch (OrtException e) {
            throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "ONNX Runtime refused the"
                    + " session options: " + e.getMessage(), e);
        }
    }

    /** Adds the CUDA provider; answers null on success, else why the CPU is used. */
    private static String addCuda(OrtSession.SessionOptions options, int deviceId) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return "this ONNX Runtime build has no CUDA execution provider (build the worker with -Pcuda)";
        }
        try {
            options.addCUDA(deviceId);
            return null;
        } catch (OrtException | RuntimeException e) {
            return "CUDA device " + deviceId + " is unavailable: " + e.getMessage();
        }
    }

    /** Channel roles, classes, receptive field and normalisation shared by the members. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** {@code CPU}, {@code CUDA:<n>}, or {@code CPU (<why not CUDA>)}. */
    public String device() {
        return device;
    }

    public InferenceSettings settings() {
        return settings;
    }

    /** Ensemble members (a fused graph counts all it holds). */
    public int members() {
        return members;
    }

    /**
     * Runs every member on a batch and averages their probabilities.
     *
     * @param input normalised, [n, C, h, w] row-major
     * @return averaged probabilities, [n, K, h, w] row-major
     */
    public float[] predict(float[] input, int n, int h, int w) throws SegmentationException {
        int c = metadata.channels().size();
        int k = metadata.classes().size();
        if (input.length != (long) n * c * h * w) {
            throw new IllegalArgumentException("input holds " + input.length + " values, not n*C*h*w = " + n + "*"
                    + c + "*" + h + "*" + w);
        }
        FloatBuffer buffer = ByteBuffer.allocateDirect(input.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.put(input).rewind();
        float[] sum = new float[n * k * h * w];
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[]{n, c, h, w})) {
            for (OrtSession session : sessions) {
                try (OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
                    FloatBuffer out = ((OnnxTensor) result.get(OUTPUT).orElseThrow()).getFloatBuffer();
                    if (out.remaining() != sum.length) {
                        throw new SegmentationException(SegmentationException.MODEL_INCOMPATIBLE, "The model"
                                + " answered " + out.remaining() + " probabilities for a " + n + "x" + c + "x" + h
                                + "x" + w + " input; expected " + sum.length + " (" + k + " classes).");
                    }
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += out.get(i);
                    }
                }
            }
        } catch (OrtException e) {
            throw new SegmentationException(SegmentationException.INFERENCE_FAILED, "ONNX Runtime failed on a "
                    + h + "x" + w + " tile: " + e.getMessage(), e);
        }
        if (sessions.size() > 1) {
            float scale = 1f / sessions.size();
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= scale;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        closeAll(sessions);
    }

    private static void closeAll(List<OrtSession> sessions) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.log(System.Logger.Level.WARNING, "closing an ONNX Runtime session failed", e);
            }
        }
        sessions.clear();
    }
}
