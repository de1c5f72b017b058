package org.labscale.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.labscale.it.support.ApiTraining;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab.Person;

/**
 * A job run to its end through the API with what it cost: wall seconds from the job's {@code startedAt} to
 * {@code finishedAt} (queueing left out) and the CPU seconds of the platform's worker processes meanwhile
 * ({@link ProcessCpu}; NaN where {@code /proc} is unreadable).
 */
record TimedJob(Jobs.Ended ended, double wallSeconds, double workerCpuSeconds) {

    static TimedJob run(Person who, UUID lab, String kind, Map<String, Object> payload, Duration timeout)
            throws InterruptedException {
        Map<String, Double> before = ProcessCpu.snapshot();
        Jobs.Ended ended = ApiTraining.run(who, lab, kind, payload, timeout);
        Map<String, Double> after = ProcessCpu.snapshot();
        double cpu = before.containsKey("gpu-worker") && after.containsKey("gpu-worker")
                ? (after.get("gpu-worker") - before.get("gpu-worker")) / 1000 : Double.NaN;
        double wall = Duration.between(Instant.parse(ended.job().getString("startedAt")),
                Instant.parse(ended.job().getString("finishedAt"))).toMillis() / 1000.0;
        return new TimedJob(ended, wall, cpu);
    }

    String id() {
        return ended.job().getString("id");
    }
}
