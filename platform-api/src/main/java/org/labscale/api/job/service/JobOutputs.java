package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.labscale.api.image.service.StorageKeys;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.segmentation.SegmentationOutput;

/**
 * The objects each kind of job may store, by name. Each lease gets its own keys
 * ({@code labs/{labId}/jobs/{jobId}/{leaseId}/{name}}), so an attempt that lost its lease can never overwrite the
 * outputs of the attempt that replaced it.
 * <ul>
 *   <li>SELF_TEST: {@code result} (stored as {@code result.json}).</li>
 *   <li>TRAINING: {@code member-0.onnx} ... {@code member-<ensembleSize-1>.onnx} and {@code card.json}.</li>
 *   <li>SEGMENTATION: per image the files of the outputs the payload asks for ({@code <imageId>/labels.tif},
 *       {@code labels.png}, {@code overlay.png}, {@code cells.csv}, {@code probabilities.tif}); and
 *       {@code scores.json}, {@code report.json}; for a net with several cell types (the worker decides)
 *       {@code figures/cell-type-scores.png} and {@code .csv}, the histogram of cellular classification scores.</li>
 *   <li>TRACKING: the Cell Tracking Challenge result {@code ctc/res_track.txt} and {@code ctc/maskTTT.tif} per
 *       frame (three digits, four beyond 1,000 frames), {@code tracks.csv}, {@code growth.csv},
 *       {@code merges.csv}, {@code report.json}, and {@code figures/<name>.png|svg|csv} for the growth-rate
 *       histogram, the growth-rate map and the lineage tree; with a {@code ktr} read-out also {@code ktr.csv} and
 *       the figure {@code ktr-cytoplasm-to-nuclear}; with a CTC {@code groundTruth} also {@code scores.csv} (TRA,
 *       DET, SEG and the AOGM's operations).</li>
 *   <li>TRACKING_FRAMES: {@code masks/<t>.tif}, the 16-bit label mask of each frame {@code t} of its run (deleted
 *       when its TRACKING job ends, {@link TrackingParts}).</li>
 * </ul>
 */
public final class JobOutputs {

    public static final String CARD = "card.json";
    /** The file each per-image output of a SEGMENTATION job is stored as, under {@code <imageId>/}. */
    public static final Map<SegmentationOutput, String> PER_IMAGE_FILES = new EnumMap<>(Map.of(
            SegmentationOutput.LABELS_TIFF, "labels.tif", SegmentationOutput.LABELS_PNG, "labels.png",
            SegmentationOutput.OVERLAY, "overlay.png", SegmentationOutput.CSV, "cells.csv",
            SegmentationOutput.PROBABILITIES, "probabilities.tif"));
    public static final List<String> PER_IMAGE = List.copyOf(PER_IMAGE_FILES.values());
    public static final List<String> SEGMENTATION_SUMMARIES = List.of("scores.json", "report.json",
            "figures/cell-type-scores.png", "figures/cell-type-scores.csv");
    /** The outputs of a TRACKING job besides its per-frame masks. */
    public static final List<String> TRACKING_FILES = Stream.concat(
            Stream.of("ctc/res_track.txt", "tracks.csv", "growth.csv", "merges.csv", "report.json"),
            figures("growth-rate-histogram", "growth-rate-map", "lineage-tree")).toList();
    /** The further outputs of a TRACKING job with a kinase-reporter read-out ({@code ktr} in its payload). */
    public static final List<String> TRACKING_KTR_FILES = Stream.concat(Stream.of("ktr.csv"),
            figures("ktr-cytoplasm-to-nuclear")).toList();
    /** The further output of a TRACKING job that scores itself ({@code groundTruth} in its payload). */
    public static final String TRACKING_SCORES = "scores.csv";
    /** The paper's ensemble size, used when a TRAINING payload does not say. */
    public static final int DEFAULT_ENSEMBLE_SIZE = 5;
    static final int MAX_ENSEMBLE_SIZE = 100;

    private static final Pattern MEMBER = Pattern.compile("member-(0|[1-9][0-9]{0,2})\\.onnx");
    private static final Pattern FRAME_MASK = Pattern.compile("masks/(0|[1-9][0-9]{0,3})\\.tif");
    private static final Pattern CTC_MASK = Pattern.compile("ctc/mask([0-9]{3,4})\\.tif");
    private static final Pattern IMAGE_OUTPUT = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/([a-z.]+)");

    private JobOutputs() {
    }

    /** Each figure as {@code figures/<name>.png}, {@code .svg} and {@code .csv} (its plotted numbers). */
    private static Stream<String> figures(String... names) {
        return Stream.of(names).flatMap(n -> Stream.of("png", "svg", "csv").map(ext -> "figures/" + n + "." + ext));
    }

    /** The output names a lease presigns. {@code imageIds}: the images a SEGMENTATION lease resolved. */
    public static List<String> names(JobKind kind, Map<String, Object> payload, List<UUID> imageIds) {
        return names(kind, payload, imageIds, 0);
    }

    /**
     * The output names a lease presigns. {@code imageIds}: the images a SEGMENTATION lease resolved; {@code frames}:
     * the frames of a TRACKING lease's series.
     */
    public static List<String> names(JobKind kind, Map<String, Object> payload, List<UUID> imageIds, int frames) {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case SELF_TEST -> names.add("result");
            case TRAINING -> {
                for (int i = 0; i < ensembleSize(payload); i++) {
                    names.add(member(i));
                }
                names.add(CARD);
            }
            case SEGMENTATION -> {
                Set<SegmentationOutput> wanted = segmentationOutputs(payload);
                for (UUID id : imageIds) {
                    wanted.forEach(output -> names.add(id + "/" + PER_IMAGE_FILES.get(output)));
                }
                names.addAll(SEGMENTATION_SUMMARIES);
            }
            case TRACKING -> {
                for (int t = 0; t < frames; t++) {
                    names.add(ctcMask(t, frames));
                }
                names.addAll(TRACKING_FILES);
                if (payload.get("ktr") != null) {
                    names.addAll(TRACKING_KTR_FILES);
                }
                if (payload.get("groundTruth") != null) {
                    names.add(TRACKING_SCORES);
                }
            }
            case TRACKING_FRAMES -> {
                for (int t = firstFrame(payload); t < firstFrame(payload) + frameCount(payload); t++) {
                    names.add(frameMask(t));
                }
            }
        }
        return names;
    }

    /** Why a completion of this job may not name {@code name}, or null when it may. */
    public static String problem(JobKind kind, Map<String, Object> payload, String name) {
        boolean allowed = switch (kind) {
            case SELF_TEST -> "result".equals(name);
            case TRAINING -> CARD.equals(name) || memberIndex(name) >= 0 && memberIndex(name) < ensembleSize(payload);
            case SEGMENTATION -> SEGMENTATION_SUMMARIES.contains(name) || perImage(name);
            case TRACKING -> TRACKING_FILES.contains(name) || CTC_MASK.matcher(name).matches()
                    || payload.get("ktr") != null && TRACKING_KTR_FILES.contains(name)
                    || payload.get("groundTruth") != null && TRACKING_SCORES.equals(name);
            case TRACKING_FRAMES -> {
                Matcher m = FRAME_MASK.matcher(name);
                int t = m.matches() ? Integer.parseInt(m.group(1)) : -1;
                yield t >= firstFrame(payload) && t < firstFrame(payload) + frameCount(payload);
            }
        };
        if (allowed) {
            return null;
        }
        return "A " + kind + " job has no output named '" + name + "'; it has " + switch (kind) {
            case SELF_TEST -> "[result]";
            case TRAINING -> "member-0.onnx .. member-" + (ensembleSize(payload) - 1) + ".onnx and card.json";
            case SEGMENTATION -> "<imageId>/" + String.join("|", PER_IMAGE) + " and " + SEGMENTATION_SUMMARIES;
            case TRACKING -> "ctc/maskTTT.tif per frame and " + TRACKING_FILES;
            case TRACKING_FRAMES -> "masks/<t>.tif for frames " + firstFrame(payload) + " to "
                    + (firstFrame(payload) + frameCount(payload) - 1);
        } + ".";
    }

    public static String key(UUID labId, UUID jobId, UUID leaseId, JobKind kind, String name) {
        return StorageKeys.jobOutput(labId, jobId, leaseId, kind == JobKind.SELF_TEST && "result".equals(name)
                ? "result.json" : name);
    }

    /** The mask a TRACKING_FRAMES job stores for frame {@code t} (from 0) of the series. */
    public static String frameMask(int t) {
        return "masks/" + t + ".tif";
    }

    private static int firstFrame(Map<String, Object> payload) {
        return payload.get("firstFrame") instanceof Number n ? n.intValue() : 0;
    }

    private static int frameCount(Map<String, Object> payload) {
        return payload.get("frameCount") instanceof Number n ? n.intValue() : 0;
    }

    public static String member(int index) {
        return "member-" + index + ".onnx";
    }

    /** The CTC mask of frame {@code t} of a series of {@code frames}: three digits, four beyond 1,000 frames. */
    public static String ctcMask(int t, int frames) {
        return String.format(frames > 1000 ? "ctc/mask%04d.tif" : "ctc/mask%03d.tif", t);
    }

    /** The member index of {@code member-<i>.onnx}, or -1. */
    public static int memberIndex(String name) {
        Matcher m = MEMBER.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A TRAINING payload's ensemble size (its default when absent). */
    public static int ensembleSize(Map<String, Object> payload) {
        Object n = payload == null ? null : payload.get("ensembleSize");
        return n instanceof Number number ? Math.max(1, Math.min(MAX_ENSEMBLE_SIZE, number.intValue()))
                : DEFAULT_ENSEMBLE_SIZE;
    }

    /** The per-image outputs a SEGMENTATION payload asks for (its defaults when it names none). */
    static Set<SegmentationOutput> segmentationOutputs(Map<String, Object> payload) {
        Set<SegmentationOutput> wanted = EnumSet.noneOf(SegmentationOutput.class);
        if (payload != null && payload.get("outputs") instanceof List<?> list) {
            for (Object o : list) {
                try {
                    wanted.add(SegmentationOutput.valueOf(String.valueOf(o)));
                } catch (IllegalArgumentException ignored) {
                    // submit validated the payload; an unknown name cannot be stored
                }
            }
        }
        return wanted.isEmpty() ? EnumSet.copyOf(SegmentationOutput.defaults()) : wanted;
    }

    private static boolean perImage(String name) {
        Matcher m = IMAGE_OUTPUT.matcher(name);
        return m.matches() && PER_IMAGE.contains(m.group(2));
    }
}
