package org.labscale.api.job.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.labscale.api.job.persistence.WorkerEntity;
import org.labscale.shared.job.EpochSize;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.ValidationSplit;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDevice;

/**
 * What a TRAINING job will cost, estimated at submit from its payload (defaults filled in) and the workers that serve
 * the lab (its own and the shared ones, registered, not revoked, running TRAINING; only CUDA ones when the job
 * requires a GPU). The device is the fastest among them (CUDA if any). A training job takes a fixed part (inputs,
 * engine, validation, export, post-processing selection) plus its patches at the rate of the optimisation steps:
 * {@code seconds = fixed + patches / rate}, where an epoch's patches are {@code patchesPerEpoch} at most, fewer when
 * the training side of the split holds fewer annotated pixels ({@link EpochSize}, the training's own rule). Both come from the worker of that device that measured the best rate for
 * the preset and sampling ({@code WorkerCapabilities}; a rate reported without its fixed part was measured over whole
 * jobs and stands alone), else from {@link RateTable}. The range is half to twice that. Also: which images are held
 * out ({@link ValidationSplit}, the rule the training applies), and warnings for people. A training at a pixel size
 * ({@link HeldOutImages#atTrainingScale}) counts the pixels the resampled images hold: an image enlarged 2x gives an
 * epoch up to 4x the annotated pixels to draw patches from, and the table's post-processing selection on held-out
 * images takes 4x as long (a worker's measured fixed part is taken as it is).
 */
@ApplicationScoped
public class CostEstimator {

    /** Above this many hours the answer warns that the job is long. */
    static final double LONG_HOURS = 8;

    /** Whether a CUDA worker that runs TRAINING serves the lab (else the CPU defaults apply). */
    public boolean gpuServes(UUID labId) {
        return trainingWorkers(labId).stream().anyMatch(w -> w.device == WorkerDevice.CUDA);
    }

    /**
     * @param p            the validated payload, defaults filled in
     * @param requiresGpu  only CUDA workers may run it
     * @param minGpuMemory only workers with this much GPU memory (MiB) may run it
     */
    public JobEstimate estimate(UUID labId, TrainingPayload p, boolean requiresGpu, int minGpuMemory) {
        List<WorkerEntity> workers = trainingWorkers(labId).stream()
                .filter(w -> !requiresGpu || (w.device == WorkerDevice.CUDA && w.gpuMemoryMb >= minGpuMemory))
                .toList();
        boolean cuda = requiresGpu || workers.stream().anyMatch(w -> w.device == WorkerDevice.CUDA);
        WorkerDevice device = cuda ? WorkerDevice.CUDA : WorkerDevice.CPU;
        String preset = p.net() == null ? p.preset() : null;
        String key = WorkerCapabilities.rateKey(preset, p.sampling());
        Optional<WorkerEntity> measuring = workers.stream()
                .filter(w -> w.device == device && w.patchesPerSecond != null && positive(w.patchesPerSecond.get(key)))
                .max(Comparator.comparingDouble(w -> w.patchesPerSecond.get(key)));
        List<String> warnings = new ArrayList<>();
        HeldOutImages uploaded = HeldOutImages.of(labId, p);
        HeldOutImages images = uploaded.atTrainingScale(p.pixelSizeUm());
        boolean[] held = split(images, p);
        JobEstimate.HeldOut heldOut = heldOut(images, held, p, warnings);
        double heldOutArea = enlargement(uploaded, images, i -> held[i]);
        double allArea = enlargement(uploaded, images, i -> true);
        if (Math.abs(allArea - 1) > 0.01) {
            warnings.add(String.format(Locale.ROOT, "The training resamples its images to one pixel size, so it"
                    + " works on %.1fx the annotated pixels of the images as uploaded; the estimate counts them.",
                    allArea));
        }
        long patches = epochPatches(images, held, p, warnings) * p.epochs() * p.ensembleSize();
        double rate;
        double fixed;
        if (measuring.isPresent()) {
            rate = measuring.get().patchesPerSecond.get(key);
            Double seconds = measuring.get().trainingFixedSeconds == null ? null
                    : measuring.get().trainingFixedSeconds.get(key);
            fixed = seconds == null || seconds < 0 ? 0 : seconds;
        } else {
            rate = preset == null ? RateTable.customRate(p.resolvedNet().receptiveField(), device)
                    : RateTable.rate(preset, p.sampling(), device).orElseGet(() ->
                    RateTable.customRate(p.resolvedNet().receptiveField(), device));
            fixed = RateTable.fixedSeconds(p, rate, heldOut.validationImages() > 0, heldOutArea);
            if (preset == null) {
                warnings.add("A custom net's speed is not known until a worker has trained one: the estimate"
                        + " assumes the preset of the same receptive field.");
            }
        }
        long s = Math.round(fixed + patches / rate);
        if (workers.isEmpty()) {
            warnings.add(0, "No worker that runs TRAINING serves this lab yet, so the job waits; the estimate assumes"
                    + " a " + device + " worker. A lab owner creates one with `labscale-cli` or POST"
                    + " /api/v1/labs/{labId}/workers.");
        }
        boolean cpuOnly = device == WorkerDevice.CPU;
        if (cpuOnly) {
            double gpu = RateTable.rate(preset == null ? "nuclear-net" : preset, p.sampling(), WorkerDevice.CUDA)
                    .orElse(rate);
            warnings.add(0, "Only CPU workers can take this job: about " + duration(s) + " on the CPU"
                    + " (a GPU worker would need roughly " + duration(Math.max(1, Math.round(
                    RateTable.fixedSeconds(p, gpu, heldOut.validationImages() > 0, heldOutArea) + patches / gpu)))
                    + "). Without a GPU worker the lab's defaults are the CPU set (platform-api/README.md).");
        }
        if (s > LONG_HOURS * 3600) {
            warnings.add("This job would run about " + duration(s) + "; lower patchesPerEpoch, epochs or"
                    + " ensembleSize, or use a -fast preset.");
        }
        return new JobEstimate(s, Math.round(s / 2.0), s * 2, patches, rate, Math.round(fixed * 10) / 10.0, device,
                measuring.isPresent() ? JobEstimate.MEASURED : JobEstimate.TABLE, cpuOnly, heldOut, warnings);
    }

    /** The annotated pixels of the items {@code which} says at the training's scale over as uploaded; 1: none. */
    private static double enlargement(HeldOutImages uploaded, HeldOutImages training,
                                      java.util.function.IntPredicate which) {
        long before = uploaded.annotatedPixels(which);
        return before == 0 ? 1 : training.annotatedPixels(which) / (double) before;
    }

    private static boolean positive(Double value) {
        return value != null && value > 0;
    }

    /**
     * The validation split the training will make, per image whether it is held out: the chosen images, or
     * {@link ValidationSplit}'s, or none (one image, or a split that leaves a class on one side only: a fraction of
     * the pixels is held out instead).
     */
    private static boolean[] split(HeldOutImages images, TrainingPayload p) {
        int n = images.items().size();
        boolean[] held = new boolean[n];
        if (p.validationImageIds() != null) {
            Set<UUID> ids = Set.copyOf(p.validationImageIds());
            for (int i = 0; i < n; i++) {
                held[i] = ids.contains(images.items().get(i).imageId());
            }
            return held;
        }
        held = ValidationSplit.heldOut(n, p.validationFraction(), ValidationSplit.random(p.seed()));
        if (n >= 2 && images.classMissing(held, p.classes().size(), new boolean[1]) >= 0) {
            held = new boolean[n];
        }
        return held;
    }

    /**
     * The patches one epoch of a member trains ({@link EpochSize}) on the training side of the split: the images not
     * held out, or {@code 1 - validationFraction} of every pixel when pixels are held out. The payload's
     * {@code patchesPerEpoch} when the annotations' class counts are unknown; a warning when the images hold fewer.
     */
    static long epochPatches(HeldOutImages images, boolean[] held, TrainingPayload p, List<String> warnings) {
        int classes = p.classes().size();
        boolean byImage = false;
        for (boolean h : held) {
            byImage |= h;
        }
        long[] pixels = new long[classes];
        for (int i = 0; i < images.items().size(); i++) {
            long[] counts = images.items().get(i).classPixels();
            for (int k = 0; k < classes && k < counts.length; k++) {
                pixels[k] += byImage ? (held[i] ? 0 : counts[k]) : Math.round(counts[k] * (1 - p.validationFraction()));
            }
        }
        if (Arrays.stream(pixels).sum() == 0) {
            return p.patchesPerEpoch();
        }
        boolean balance = Boolean.TRUE.equals(p.balanceClasses());
        long perEpoch = EpochSize.patches(pixels, balance, p.patchesPerEpoch());
        if (perEpoch < p.patchesPerEpoch()) {
            int rarest = 0;
            for (int k = 1; k < classes; k++) {
                rarest = pixels[k] < pixels[rarest] ? k : rarest;
            }
            warnings.add("An epoch trains about " + perEpoch + " patches, not patchesPerEpoch " + p.patchesPerEpoch()
                    + ": the training images hold " + (balance ? pixels[rarest] + " pixels of the rarest class \""
                    + p.classes().get(rarest) + "\" (balanceClasses trains every class equally)"
                    : Arrays.stream(pixels).sum() + " annotated pixels") + ". Annotate more images to train on"
                    + " more.");
        }
        return perEpoch;
    }

    /** What {@link #split} holds out, with warnings. */
    private static JobEstimate.HeldOut heldOut(HeldOutImages images, boolean[] held, TrainingPayload p,
                                               List<String> warnings) {
        int n = images.items().size();
        boolean chosen = p.validationImageIds() != null;
        Set<UUID> out = new LinkedHashSet<>();
        long cells = 0;
        int training = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                out.add(images.items().get(i).imageId());
                cells += images.items().get(i).cells();
            } else {
                training++;
            }
        }
        if (out.isEmpty()) {
            warnings.add(n == 1 ? "One image: validation holds out " + percent(p.validationFraction()) + " of its"
                    + " pixels, so it measures the image the net trained on, and the post-processing keeps the"
                    + " defaults. Add images to validate on unseen ones."
                    : "No whole-image split keeps every class on both sides: validation holds out "
                    + percent(p.validationFraction()) + " of the pixels of every image, and the post-processing"
                    + " keeps the defaults. Choose the held-out images in validationImageIds.");
            return new JobEstimate.HeldOut(List.of(), training, 0, chosen, null);
        }
        warnings.add("Held out for validation: " + out.size() + " of " + n + " image(s) " + out + ("; "
                + training + " left to train on.") + (chosen ? "" : " Choose others with payload.validationImageIds."));
        if (cells < JobEstimate.HeldOut.MIN_SELECTION_CELLS) {
            warnings.add("The held-out images hold " + cells + " annotated cells, fewer than the "
                    + JobEstimate.HeldOut.MIN_SELECTION_CELLS + " needed to choose the post-processing: the defaults"
                    + " will be kept. Hold out more or larger images (payload.validationImageIds).");
        }
        return new JobEstimate.HeldOut(List.copyOf(out), training, out.size(), chosen, cells);
    }

    private static List<WorkerEntity> trainingWorkers(UUID labId) {
        return WorkerEntity.<WorkerEntity>list("(labId = ?1 or labId is null) and revokedAt is null"
                        + " and registeredAt is not null", labId).stream()
                .filter(w -> Arrays.asList(w.kinds).contains(JobKind.TRAINING.name())).toList();
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /** "40 s", "12 min", "3.5 h", "4.2 days". */
    static String duration(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        if (seconds < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86400.0);
    }
}
