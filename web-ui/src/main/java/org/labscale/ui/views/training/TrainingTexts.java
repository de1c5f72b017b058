package org.labscale.ui.views.training;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobProgress;

/** How a training's estimate, position and settings read for people. */
public final class TrainingTexts {

    private TrainingTexts() {
    }

    /** "About 2 min (1 to 4 min) on a CPU worker: 2,400 patches at 200 patches/s (table)." */
    public static String estimate(JobEstimate e) {
        String device = e.device() == null ? "the lab's workers" : "a " + e.device().name() + " worker";
        return "Estimated time: about " + duration(e.seconds()) + " (" + duration(e.minSeconds()) + " to "
                + duration(e.maxSeconds()) + ") on " + device + ", without waiting in the queue: "
                + String.format(Locale.ROOT, "%,d", e.patches()) + " training patches at "
                + String.format(Locale.ROOT, "%,.0f", e.patchesPerSecond()) + " patches/s ("
                + (JobEstimate.MEASURED.equals(e.rateSource()) ? "measured by a worker" : "from the documented table")
                + ")." + (e.heldOut() == null ? "" : " " + e.heldOut().trainingImages() + " image(s) to train on, "
                + e.heldOut().validationImages() + " held out for validation.");
    }

    /** "Member 2 of 3, epoch 1 of 4, batch 40 of 157 · about 6 min left"; empty before the first report. */
    public static String where(Map<String, Double> metrics, int members, int epochs) {
        Double member = metrics.get(JobProgress.MEMBER);
        Double epoch = metrics.get(JobProgress.EPOCH);
        if (member == null || epoch == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("Member ").append(member.intValue());
        if (members > 0) {
            out.append(" of ").append(members);
        }
        out.append(", epoch ").append(epoch.intValue());
        if (epochs > 0) {
            out.append(" of ").append(epochs);
        }
        Double batch = metrics.get(JobProgress.BATCH);
        Double batches = metrics.get(JobProgress.BATCHES);
        if (batch != null && batches != null) {
            out.append(", batch ").append(batch.intValue()).append(" of ").append(batches.intValue());
        }
        Double eta = metrics.get(JobProgress.ETA_SECONDS);
        if (eta != null) {
            out.append(" \u00b7 about ").append(duration(Math.round(eta))).append(" left");
        }
        return out.toString();
    }

    /** "45 s", "6 min", "2.5 h". */
    public static String duration(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    /** An integer field of a job's payload, or 0. */
    static int number(Map<String, Object> payload, String field) {
        return payload != null && payload.get(field) instanceof Number n ? n.intValue() : 0;
    }

    /** The number of classes a training payload names (3 when it names none). */
    static int classes(Map<String, Object> payload) {
        return payload != null && payload.get("classes") instanceof List<?> l && !l.isEmpty() ? l.size() : 3;
    }
}
