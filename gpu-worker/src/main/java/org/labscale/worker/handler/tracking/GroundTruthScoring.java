package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.shared.image.ImageDto;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.ctc.CtcTrackFile;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

/**
 * A TRACKING job scoring itself against the series' CTC ground truth: the lease's context {@code groundTruth} (per
 * frame whether it has its markers and its segmentation, and the track file's text) with inputs
 * {@code markers/<imageId>} and {@code segmentation/<imageId>} of each frame image (a multi-page series:
 * {@code markers/<imageId>#<t>} and {@code segmentation/<imageId>#<t>}). The job's own CTC result is read back as the CTC's
 * tools would read it and scored with {@link CtcMeasures}: TRA, DET, the AOGM's operations, and SEG over the frames
 * with a segmentation. A reference that no longer fits (an annotation deleted or of another size since submission)
 * fails the job, not retried: its scores would mean nothing.
 */
final class GroundTruthScoring {

    /** The file the scores are written to, one {@code measure,value} row each. */
    static final String CSV = "scores.csv";

    private GroundTruthScoring() {
    }

    /**
     * Scores the CTC result in {@code ctcDir}, writes {@code scores.csv} into {@code work} and answers the scores for
     * the report.
     */
    static Map<String, Object> score(JobContext ctx, Map<?, ?> truth, List<ImageDto> images, Path ctcDir, Path work)
            throws IOException, JobFailedException, InterruptedException {
        List<?> markers = (List<?>) truth.get("markers");
        List<?> segmentation = (List<?>) truth.get("segmentation");
        List<LabelImage> referenceFrames = new ArrayList<>();
        Map<Integer, LabelImage> segFrames = new TreeMap<>();
        boolean multiPage = images.size() == 1; // a listed series has 2 frame images or more
        for (int t = 0; t < markers.size(); t++) {
            String frame = images.get(multiPage ? 0 : t).id() + (multiPage ? "#" + t : "");
            if (!Boolean.TRUE.equals(markers.get(t))) {
                throw changed("frame " + (t + 1) + " no longer has its markers annotation");
            }
            referenceFrames.add(read(ctx, "markers/" + frame, t));
            if (Boolean.TRUE.equals(segmentation.get(t))) {
                segFrames.put(t, read(ctx, "segmentation/" + frame, t));
            }
        }
        CtcSequence result = CtcSequence.readResult(ctcDir);
        Map<String, Object> scores = new LinkedHashMap<>();
        try {
            CtcSequence reference = new CtcSequence(referenceFrames,
                    CtcTrackFile.parse(String.valueOf(truth.get("tracks")), "groundTruth.tracks"));
            CtcMeasures.TrackingScores tracking = CtcMeasures.tracking(reference, result);
            scores.put("TRA", tracking.tra());
            scores.put("DET", tracking.det());
            scores.put("SEG", segFrames.isEmpty() ? null : CtcMeasures.seg(segFrames, result.frames()));
            scores.put("AOGM", tracking.aogm());
            scores.put("AOGM_0", tracking.aogmEmpty());
            CtcMeasures.Operations ops = tracking.operations();
            scores.put("splits", ops.splits());
            scores.put("falseNegatives", ops.falseNegatives());
            scores.put("falsePositives", ops.falsePositives());
            scores.put("redundantEdges", ops.redundantEdges());
            scores.put("missingEdges", ops.missingEdges());
            scores.put("wrongSemantics", ops.wrongSemantics());
            scores.put("segmentedFrames", segFrames.size());
        } catch (IllegalArgumentException e) {
            throw changed(e.getMessage());
        }
        try (Writer out = Files.newBufferedWriter(work.resolve(CSV), StandardCharsets.UTF_8)) {
            out.write("measure,value\n");
            for (Map.Entry<String, Object> e : scores.entrySet()) {
                out.write(e.getKey() + "," + (e.getValue() == null ? "" : e.getValue()) + "\n");
            }
        }
        return scores;
    }

    private static LabelImage read(JobContext ctx, String name, int t)
            throws IOException, JobFailedException, InterruptedException {
        try {
            return new LabelImageReader().read(ctx.input(name, EnsembleInputs.hash(ctx, name, null)));
        } catch (ContentCache.IntegrityException e) {
            throw changed("the reference of frame " + (t + 1) + " no longer matches its hash");
        } catch (ImageRejectedException e) {
            throw changed("the reference of frame " + (t + 1) + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            if (EnsembleInputs.isGone(e)) {
                throw changed("the reference of frame " + (t + 1) + " was deleted");
            }
            throw e;
        }
    }

    private static JobFailedException changed(String reason) {
        return new JobFailedException("tracking.ground-truth", "The series' ground truth cannot score this"
                + " tracking (" + reason + "); nothing was stored.", false);
    }
}
