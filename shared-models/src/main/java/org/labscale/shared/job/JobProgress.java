package org.labscale.shared.job;

import java.util.Map;

/**
 * How far a running job has come, as last reported by its worker.
 *
 * @param fraction 0 to 1, or null when unknown
 * @param message  a short sentence for people (at most 500 characters), e.g. "epoch 3 of 20"
 * @param metrics  the latest values of named numbers, e.g. {@code {"epoch": 3, "loss": 0.41}} (at most 50); the
 *                 server-sent event stream of a job carries their history
 */
public record JobProgress(Double fraction, String message, Map<String, Double> metrics) {
    public JobProgress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
