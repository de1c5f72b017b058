package org.labscale.worker.handler.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.imaging.resample.PixelSizeResampler;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.job.EpochSize;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingPixelSize;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.trainingset.TrainingChannels;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.MemberTrainer;
import org.labscale.training.TrainingException;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.worker.device.ComputeDevices;
import org.labscale.worker.device.TrainingRates;
import org.labscale.worker.handler.JobCancelledException;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;

/**
 * Runs {@link JobKind#TRAINING} jobs with the {@code training} library. The lease's context lists the training-set
 * versions ({@code trainingSets}); for every item the inputs {@code image/<imageId>} and
 * {@code classmap/<annotationVersionId>} are fetched through the content cache (checked against their SHA-256),
 * resampled to one pixel size when every item has one ({@link TrainingPixelSize}, the pixel sizes the items froze;
 * an instance or binary mask, {@code mask/<annotationVersionId>}, is resampled and only then
 * made a class map), the channels are picked by the item's channel roles in the payload's order
 * ({@link TrainingChannels}), and the ensemble is trained member by member (progress after every batch with an ETA,
 * {@link TrainingProgress}). Outputs: {@code member-<i>.onnx} and {@code card.json}; the API registers the model
 * version when the job completes. The
 * result carries the card's {@code quality} (did the members learn; held-out images; warnings), the patches it trained
 * ({@code patchesTrained}: an epoch is {@code patchesPerEpoch} at most, fewer when the training side of the split holds
 * fewer pixels, {@link EpochSize}) and the job's seconds ({@code trainingSeconds}, of which {@code patchLoopSeconds} in
 * optimisation steps, {@link PatchLoopTimer}); the rate of the steps (patches trained over their seconds) and the rest
 * of the job's time go to {@link TrainingRates}, which the next registration reports. A data
 * problem (a class without pixels, an image smaller than the receptive field, channels missing, NaN loss) fails the job
 * without retry, with the training library's code and message; a cancel stops between steps and writes nothing.
 */
@ApplicationScoped
public class TrainingHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(TrainingHandler.class);

    private final ObjectMapper json;
    private final String gitRevision;
    private final Device device;
    private final TrainingRates rates;

    @Inject
    public TrainingHandler(ObjectMapper json,
                           @ConfigProperty(name = "labscale.git-revision", defaultValue = "unknown") String gitRevision,
                           ComputeDevices devices, TrainingRates rates) {
        this(json, gitRevision, devices.trainingOnCuda() ? null : Device.cpu(), rates);
    }

    /** On DJL's default device, rates kept in memory (tests). */
    public TrainingHandler(ObjectMapper json, String gitRevision) {
        this(json, gitRevision, (Device) null, new TrainingRates((java.nio.file.Path) null));
    }

    /** @param device null: DJL's default (the first GPU when there is one) */
    public TrainingHandler(ObjectMapper json, String gitRevision, Device device, TrainingRates rates) {
        this.json = json;
        this.gitRevision = gitRevision;
        this.device = device;
        this.rates = rates;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }

    @Override
    public Map<String, Object> run(JobContext context) throws Exception {
        long started = System.nanoTime();
        TrainingPayload p = context.payload(TrainingPayload.class).withDefaults();
        List<String> problems = p.problems();
        if (!problems.isEmpty()) {
            throw new JobFailedException("training.invalid-payload", String.join(" ", problems), false);
        }
        List<TrainingSetVersionDto> versions = json.convertValue(
                context.context().getOrDefault("trainingSets", List.of()),
                new TypeReference<List<TrainingSetVersionDto>>() { });
        if (versions.size() != p.trainingSets().size()) {
            throw new JobFailedException("training.missing-training-set", "Only " + versions.size() + " of the "
                    + p.trainingSets().size() + " training-set versions still exist.", false);
        }
        TrainingPixelSize.Choice scale = TrainingPixelSize.choose(p.pixelSizeUm(),
                pixelSizes(context.context(), versions));
        if (p.pixelSizeUm() != null && !scale.missing().isEmpty()) {
            throw new JobFailedException("training.pixel-size-missing", "pixelSizeUm " + p.pixelSizeUm()
                    + " was asked for, but " + scale.missing().size() + " training item(s) have no pixel size in"
                    + " their training-set version; freeze a version of images with one or leave pixelSizeUm out.",
                    false);
        }
        p = p.withPixelSizeUm(scale.pixelSizeUm());
        int rf = p.resolvedNet().receptiveField();
        // A nuclear channel beside others (cytoplasm nets): its raw plane lets the training try ACTIVE_CONTOURS with
        // the seeds a job would find. Nets of the nuclear channel alone segment nuclei and keep their grid (tracking
        // jobs, which prefill a model's recommendation, do not offer ACTIVE_CONTOURS).
        int nuclear = p.channels().size() > 1 ? p.channels().indexOf(SegmentationPayload.NUCLEAR_ROLE) : -1;
        boolean mixing = !p.denseSampling() && p.augmentation().contextMixingFraction() > 0; // keeps scaled planes
        TrainingImageLoader loader = new TrainingImageLoader(rf, p.classes().size(), p.normalization(), nuclear,
                mixing);
        List<TrainingImage> images = new ArrayList<>();
        List<ModelCard.TrainingData> sets = new ArrayList<>();
        try {
            for (TrainingSetVersionDto version : versions) {
                sets.add(new ModelCard.TrainingData(version.trainingSetId(), version.version(),
                        version.contentHash()));
                for (TrainingItemDto item : version.items()) {
                    context.checkCancelled();
                    Path image = input(context, "image/" + item.imageId());
                    double factor = scale.factors().get(images.size());
                    // Resampled cells keep one-pixel boundaries: from the mask as uploaded when there is one.
                    String mask = "mask/" + item.annotationVersionId();
                    boolean fromMask = !PixelSizeResampler.identity(factor) && item.annotationKind() != null
                            && item.annotationKind() != AnnotationKind.CLASS_MAP
                            && context.inputs().containsKey(mask);
                    Path labels = input(context, fromMask ? mask : "classmap/" + item.annotationVersionId());
                    images.add(loader.load(item.imageId().toString(), image, channels(p, item), labels,
                            fromMask ? LabelKind.valueOf(item.annotationKind().name()) : LabelKind.CLASS_MAP,
                            factor));
                }
            }
            context.progress(new JobProgress(0.0, "loaded " + images.size() + " images", Map.of()));
            long epochPatches = epochPatches(p, images);
            TrainingProgress progress = new TrainingProgress(p.ensembleSize(), p.epochs(), p.patchesPerEpoch(),
                    p.classes(), context::progress, System::nanoTime);
            PatchLoopTimer loop = new PatchLoopTimer(progress, System::nanoTime);
            EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(
                    context.jobId().toString(), sets, gitRevision), device).train(p, images, List.of(), loop,
                    context::isCancelled, scale.warning() == null ? List.of() : List.of(scale.warning()));
            for (int i = 0; i < result.members().size(); i++) {
                context.outputs().write("member-" + i + ".onnx", result.members().get(i));
            }
            context.outputs().write("card.json", json.writeValueAsBytes(result.card()));
            double seconds = (System.nanoTime() - started) / 1e9;
            long patches = epochPatches * p.epochs() * progress.plannedMembers();
            rates.record(WorkerCapabilities.rateKey(p.net() == null ? p.preset() : null, p.sampling()), patches,
                    loop.loopSeconds(), seconds);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("members", result.members().size());
            out.put("validationMetrics", result.card().validationMetrics());
            if (result.card().recommendedPostProcessing() != null) {
                out.put("recommendedPostProcessing", result.card().recommendedPostProcessing());
            }
            out.put("quality", result.card().quality());
            if (p.pixelSizeUm() != null) {
                out.put("pixelSizeUm", p.pixelSizeUm());
            }
            out.put("patchesTrained", patches);
            out.put("trainingSeconds", Math.round(seconds));
            out.put("patchLoopSeconds", Math.round(loop.loopSeconds()));
            return out;
        } catch (TrainingException e) {
            if (e.kind() == TrainingException.Code.CANCELLED) {
                throw new JobCancelledException(e.getMessage());
            }
            LOG.infof("training job %s failed: %s %s", context.jobId(), e.code(), e.getMessage());
            throw new JobFailedException(e.code(), e.getMessage(), false);
        }
    }

    /**
     * Each item's pixel size in micrometres (null: unknown), in the order the items are loaded: as its version froze
     * it ({@link TrainingItemDto#pixelSizeUm()}), else from the lease's context {@code imagePixelSizes} (image id to
     * pixel size; an API from before items carried theirs).
     */
    static List<Double> pixelSizes(Map<String, Object> context, List<TrainingSetVersionDto> versions) {
        Map<?, ?> sizes = context.get("imagePixelSizes") instanceof Map<?, ?> m ? m : Map.of();
        List<Double> out = new ArrayList<>();
        for (TrainingSetVersionDto version : versions) {
            for (TrainingItemDto item : version.items()) {
                out.add(item.pixelSizeUm() != null ? item.pixelSizeUm()
                        : sizes.get(item.imageId().toString()) instanceof Number n ? n.doubleValue() : null);
            }
        }
        return out;
    }

    /**
     * The patches one epoch of every member trains: the payload's {@code patchesPerEpoch}, at most what the training
     * side of the validation split holds ({@link EpochSize}, as the samplers draw them).
     */
    static long epochPatches(TrainingPayload p, List<TrainingImage> images) throws TrainingException {
        PixelSplit split = MemberTrainer.split(p, images);
        long[] pixels = new long[split.train().length];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = split.train()[k].length;
        }
        return EpochSize.patches(pixels, Boolean.TRUE.equals(p.balanceClasses()), p.patchesPerEpoch());
    }

    /**
     * 0-based channel indices of the item for the payload's channel roles, in the payload's order
     * ({@link TrainingChannels}: a one-channel net reads an unnamed single channel).
     */
    static List<Integer> channels(TrainingPayload p, TrainingItemDto item) throws JobFailedException {
        List<String> missing = TrainingChannels.missing(p.channels(), item.channelRoles());
        if (!missing.isEmpty()) {
            throw new JobFailedException("training.channels-mismatch", "Image " + item.imageId()
                    + " has no channel with the role \"" + missing.get(0) + "\" (its roles: " + item.channelRoles()
                    + "). " + TrainingChannels.remedy(p.channels(), item.channelRoles(), item.imageId().toString()),
                    false);
        }
        return TrainingChannels.pick(p.channels(), item.channelRoles());
    }

    private static Path input(JobContext context, String name) throws IOException, InterruptedException,
            JobFailedException {
        String sha = context.inputHashes().get(name);
        if (sha == null || !context.inputs().containsKey(name)) {
            throw new JobFailedException("training.missing-input", "The lease has no input " + name
                    + "; the image or annotation was deleted.", false);
        }
        return context.input(name, sha);
    }
}
