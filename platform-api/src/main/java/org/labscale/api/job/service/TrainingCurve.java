package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.api.job.persistence.JobEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.model.ModelCard.EpochMetrics;

/**
 * The training curve of a TRAINING job while it runs and after: one point per ensemble member and epoch, kept by the
 * heartbeat ({@link JobQueue}) from the epoch figures of the worker's progress reports (column {@code progress_curve};
 * a member retrained after diverging replaces its points epoch by epoch), served as the model card's
 * {@link EpochMetrics} so that a running job and its model draw the same curve.
 */
@ApplicationScoped
public class TrainingCurve {

    @Inject
    JobService jobs;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /**
     * One validated epoch as a progress report names it.
     *
     * @param member 0-based, as in {@link EpochMetrics}
     * @param epoch  1-based
     */
    record Point(int member, int epoch, double trainLoss, double validationLoss, Map<String, Double> accuracy) {

        /** The point a report's metrics name (they carry the validated member and epoch and both losses). */
        static Optional<Point> of(JobProgress progress) {
            Map<String, Double> m = progress == null ? Map.of() : progress.metrics();
            Double member = m.get(JobProgress.VALIDATED_MEMBER);
            Double epoch = m.get(JobProgress.VALIDATED_EPOCH);
            Double train = m.get(JobProgress.TRAIN_LOSS);
            Double validation = m.get(JobProgress.VALIDATION_LOSS);
            if (member == null || epoch == null || train == null || validation == null || member < 1 || epoch < 1
                    || !Double.isFinite(train) || !Double.isFinite(validation)) {
                return Optional.empty();
            }
            Map<String, Double> accuracy = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(JobProgress.ACCURACY_PREFIX) && v != null && Double.isFinite(v)) {
                    accuracy.put(k.substring(JobProgress.ACCURACY_PREFIX.length()), v);
                }
            });
            return Optional.of(new Point(member.intValue() - 1, epoch.intValue(), train, validation, accuracy));
        }

        /** As stored in {@code progress_curve}. */
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("member", member);
            out.put("epoch", epoch);
            out.put("trainLoss", trainLoss);
            out.put("validationLoss", validationLoss);
            out.put("accuracy", accuracy);
            return out;
        }
    }

    /**
     * The job's curve so far, ordered by member and epoch, accuracies in the order of the payload's classes; empty
     * for other kinds and before the first epoch was validated. Another lab's job is a 404 like a missing one.
     */
    @Transactional
    public List<EpochMetrics> of(UUID jobId) {
        JobEntity job = jobs.require(jobId, Role.VIEWER);
        Object stored = em.createNativeQuery("SELECT CAST(progress_curve AS text) FROM job WHERE id = ?1")
                .setParameter(1, jobId).getSingleResult();
        if (stored == null) {
            return List.of();
        }
        List<Point> points;
        try {
            points = mapper.readValue(stored.toString(), new TypeReference<List<Point>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The training curve of job " + jobId + " cannot be read", e);
        }
        List<String> classes = classes(job.payload, points);
        List<EpochMetrics> out = new ArrayList<>();
        points.stream().sorted(Comparator.comparingInt(Point::member).thenComparingInt(Point::epoch)).forEach(p ->
                out.add(new EpochMetrics(p.member(), p.epoch(), p.trainLoss(), p.validationLoss(),
                        classes.stream().map(c -> p.accuracy() == null ? null : p.accuracy().get(c)).toList())));
        return out;
    }

    /** The payload's classes (output order), else those the points name. */
    private static List<String> classes(Map<String, Object> payload, List<Point> points) {
        if (payload != null && payload.get("classes") instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return points.stream().filter(p -> p.accuracy() != null).flatMap(p -> p.accuracy().keySet().stream())
                .distinct().toList();
    }
}
