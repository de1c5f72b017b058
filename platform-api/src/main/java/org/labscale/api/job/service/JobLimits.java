package org.labscale.api.job.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobPayload;
import org.labscale.shared.job.SelfTestPayload;
import org.labscale.shared.job.TrainingPayload;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one job and one lab may ask of the shared workers ({@code labscale.jobs.limits.*}): the longest an attempt of
 * each kind may run, a bound on what a payload's sizes multiply to (checked at submit, before anything is stored),
 * and the number of jobs a lab may have waiting. Each refusal names the fields, the limit and the setting.
 */
@ApplicationScoped
public class JobLimits {

    @Inject
    LabscaleConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /** The longest an attempt of this kind may run. */
    public Duration maxRunTime(JobKind kind) {
        LabscaleConfig.MaxRunTime limits = config.jobs().limits().maxRunTime();
        return switch (kind) {
            case SELF_TEST -> limits.selfTest();
            case SEGMENTATION -> limits.segmentation();
            case TRAINING -> limits.training();
            case TRACKING, TRACKING_FRAMES -> limits.tracking();
        };
    }

    /** The setting that holds {@link #maxRunTime(JobKind)}. */
    public static String maxRunTimeSetting(JobKind kind) {
        return "labscale.jobs.limits.max-run-time." + kind.name().toLowerCase().replace('_', '-');
    }

    /**
     * How long a lease's presigned URLs live: as long as its job may run plus one lease TTL (the worker uploads its
     * outputs at the end), at most {@code labscale.jobs.url-ttl}.
     */
    public Duration urlTtl(JobKind kind) {
        Duration needed = maxRunTime(kind).plus(config.jobs().leaseTtl());
        Duration cap = config.jobs().urlTtl();
        return needed.compareTo(cap) < 0 ? needed : cap;
    }

    /**
     * Refuses (400 {@code job.too-costly}) a payload whose sizes multiply beyond the limit: SELF_TEST steps x
     * stepMillis beyond the kind's run time; TRAINING patchesPerEpoch x epochs x ensembleSize beyond
     * {@code max-training-patches}. SEGMENTATION is bounded by its image count (at most 1,000 images) and run time.
     * Runs before the payload's other checks, which look at the lab's data; a payload that does not bind, or has
     * values out of their ranges, is left to them.
     *
     * @param raw the payload as submitted
     */
    public void checkCost(JobKind kind, Map<String, Object> raw) {
        if (raw == null || kind == JobKind.SEGMENTATION) {
            return;
        }
        JobPayload bound;
        try {
            bound = mapper.convertValue(raw, kind.payloadType());
        } catch (IllegalArgumentException notAPayload) {
            return; // JobPayloads says what is wrong
        }
        if (bound instanceof SelfTestPayload submitted) {
            SelfTestPayload p = submitted.withDefaults();
            Duration limit = maxRunTime(kind);
            if (p.steps() < 1 || p.stepMillis() < 0) {
                return;
            }
            double millis = (double) p.steps() * p.stepMillis();
            if (millis > limit.toMillis()) {
                throw tooCostly("steps x stepMillis = " + p.steps() + " x " + p.stepMillis() + " ms is "
                        + human(Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE))) + ", longer than the "
                        + human(limit) + " a SELF_TEST job may run (" + maxRunTimeSetting(kind) + ").",
                        List.of("payload.steps", "payload.stepMillis"), limit.toMillis(), millis);
            }
        } else if (bound instanceof TrainingPayload submitted) {
            TrainingPayload p = submitted.withDefaults();
            long limit = config.jobs().limits().maxTrainingPatches();
            if (p.patchesPerEpoch() < 1 || p.epochs() < 1 || p.ensembleSize() < 1) {
                return;
            }
            double patches = (double) p.patchesPerEpoch() * p.epochs() * p.ensembleSize();
            if (patches > limit) {
                throw tooCostly(String.format(Locale.ROOT, "patchesPerEpoch x epochs x ensembleSize = %d x %d x %d = "
                        + "%.0f patches, more than the %d a TRAINING job may train on "
                        + "(labscale.jobs.limits.max-training-patches).", p.patchesPerEpoch(), p.epochs(),
                        p.ensembleSize(), patches, limit),
                        List.of("payload.patchesPerEpoch", "payload.epochs", "payload.ensembleSize"), limit, patches);
            }
        }
    }

    /**
     * Refuses (429 {@code job.queue-full}) one more queued job when the lab has {@code max-queued-per-lab} waiting.
     * Call inside the transaction that queues the job: it takes a lock per lab until that transaction ends, so racing
     * submits of one lab cannot overshoot the limit together.
     */
    public void checkQueue(UUID labId) {
        int max = config.jobs().limits().maxQueuedPerLab();
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "labscale.job-queue/" + labId).getSingleResult();
        // a TRACKING job's parts (at most 16, TrackingSplit) are not counted: they are the job, not more jobs
        long queued = ((Number) em.createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM job WHERE lab_id = ?1 "
                        + "AND state = 'QUEUED' AND parent_id IS NULL LIMIT ?2) q")
                .setParameter(1, labId).setParameter(2, max).getSingleResult()).longValue();
        if (queued >= max) {
            throw new ApiException(429, "job.queue-full", "This lab already has " + queued + " jobs waiting, the most "
                    + "a lab may queue (labscale.jobs.limits.max-queued-per-lab); wait until some have started, or "
                    + "cancel some.", Map.of("maxQueued", max));
        }
    }

    private static ApiException tooCostly(String message, List<String> fields, long limit, double value) {
        return new ApiException(400, "job.too-costly", message, Map.of("field", fields.get(0), "fields", fields,
                "limit", limit, "value", (long) Math.min(value, Long.MAX_VALUE)));
    }

    /** e.g. {@code 1h}, {@code 16666h 40min}, {@code 2min 5s}. */
    static String human(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(out.isEmpty() ? "" : " ").append(d.toMinutesPart()).append("min");
        }
        if (d.toSecondsPart() > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
