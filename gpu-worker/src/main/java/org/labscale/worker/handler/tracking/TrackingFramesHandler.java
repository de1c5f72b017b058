package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.TrackingFramesPayload;
import org.labscale.shared.job.TrackingPayload;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.worker.device.ComputeDevices;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@link JobKind#TRACKING_FRAMES} jobs, the parts of a TRACKING job: segments its run of frames of the series
 * exactly as {@link TrackingHandler} segments a frame ({@link FrameMasks#segmented}), reporting progress per frame,
 * and stores each frame's mask as {@code masks/<t>.tif}. The result gives each mask's SHA-256 (the tracking step
 * checks what it downloads against it) and the device. A frame that cannot be segmented fails the part, not retried,
 * naming the frame of the whole series ("Frame 7 of 40"), and with it the TRACKING job.
 */
@ApplicationScoped
public class TrackingFramesHandler implements JobHandler {

    private final ObjectMapper json;
    private final int threads;
    private final BooleanSupplier cuda;

    @Inject
    public TrackingFramesHandler(ObjectMapper json, ComputeDevices devices) {
        this(json, Runtime.getRuntime().availableProcessors(), devices::segmentationOnCuda);
    }

    /** On the CPU. @param threads ONNX Runtime intra-op threads (tests use 1) */
    public TrackingFramesHandler(ObjectMapper json, int threads) {
        this(json, threads, () -> false);
    }

    /** @param cuda whether to ask ONNX Runtime for CUDA (decided once per worker, {@link ComputeDevices}) */
    public TrackingFramesHandler(ObjectMapper json, int threads, BooleanSupplier cuda) {
        this.json = json;
        this.threads = threads;
        this.cuda = cuda;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRACKING_FRAMES;
    }

    @Override
    public Map<String, Object> run(JobContext ctx) throws Exception {
        TrackingFramesPayload part = ctx.payload(TrackingFramesPayload.class);
        TrackingPayload p = part.series().withDefaults();
        ModelVersionDto model = EnsembleInputs.modelVersion(json, ctx.context().get("model"), "model", p.modelId());
        List<ImageDto> images = SeriesInputs.images(json, ctx, p);
        List<Path> files = SeriesInputs.files(ctx, images);
        Path work = Files.createTempDirectory("tracking-frames-" + ctx.jobId());
        Map<String, Object> masks = new LinkedHashMap<>();
        int end = part.firstFrame() + part.frameCount();
        int total = 0;
        int t = part.firstFrame();
        try (EnsembleModel ensemble = EnsembleInputs.open(ctx, model,
                EnsembleInputs.settings(threads, cuda.getAsBoolean()));
             SeriesFrames series = SeriesInputs.open(p, files)) {
            total = series.count();
            if (end > total) {
                throw new JobFailedException("tracking.image-changed", "The series has " + total + " frames, fewer"
                        + " than when the job was submitted (" + end + " or more).", false);
            }
            FrameMasks segmented = FrameMasks.segmented(new ImageSegmenter(ensemble, null, p.postProcessing(),
                    ctx::isCancelled), SeriesInputs.pixelSizes(images), work);
            for (; t < end; t++) {
                ctx.checkCancelled();
                int done = t - part.firstFrame();
                ctx.progress(new JobProgress((double) done / part.frameCount(), "segmenting frame " + (t + 1)
                        + " of " + total, Map.of("frames", (double) done)));
                List<FloatPlane> channels = series.read(t);
                Path mask = work.resolve(t + ".tif");
                segmented.write(t, channels, mask);
                masks.put(Integer.toString(t), store(ctx, mask, t));
                Files.delete(mask);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("frames", part.frameCount());
            result.put("device", ensemble.device());
            result.put("masks", masks);
            return result;
        } catch (CancellationException e) {
            ctx.checkCancelled(); // stopped between tiles: report the cancellation as such
            throw e;
        } catch (SegmentationException e) {
            throw SeriesInputs.frameFailed(e.code(), t, total, e.getMessage());
        } catch (ImageRejectedException e) {
            throw SeriesInputs.frameFailed(e.code(), t, total, "it cannot be read: " + e.getMessage());
        } finally {
            EnsembleInputs.deleteTree(work);
        }
    }

    /** Stores the mask of frame {@code t} as {@code masks/<t>.tif}; answers its SHA-256. */
    private static String store(JobContext ctx, Path mask, int t) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(mask), digest);
             OutputStream out = ctx.outputs().open("masks/" + t + ".tif")) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
