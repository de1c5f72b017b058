package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import org.labscale.api.account.security.Caller;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.job.persistence.WorkerEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.CreateWorkerRequest;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDevice;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.job.WorkerRegistration;

/**
 * Worker credentials: lab owners make workers that serve only their lab, the platform administrator makes shared
 * workers that serve every lab. A worker token is {@code lsw_} and 32 random bytes; only its SHA-256 is stored, as
 * for users' tokens.
 */
@ApplicationScoped
public class WorkerService {

    static final String TOKEN_PREFIX = "lsw_";
    /** last_seen_at is written at most this often per worker, not on every call. */
    private static final int SEEN_RESOLUTION_SECONDS = 10;
    private static final Duration SEEN_RESOLUTION = Duration.ofSeconds(SEEN_RESOLUTION_SECONDS);

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    Caller caller;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WorkerTokenCache cache;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public static boolean isWorkerToken(String secret) {
        return secret != null && secret.startsWith(TOKEN_PREFIX);
    }

    @Transactional
    public WorkerDto createForLab(UUID labId, CreateWorkerRequest request) {
        access.requireLab(labId, Role.OWNER);
        return create(labId, request);
    }

    @Transactional
    public WorkerDto createShared(CreateWorkerRequest request) {
        caller.requirePlatformAdmin();
        return create(null, request);
    }

    @Transactional
    public PageDto<WorkerDto> listForLab(UUID labId, Paging paging) {
        access.requireLab(labId, Role.VIEWER);
        return paging.apply(WorkerEntity.<WorkerEntity>find("labId = ?1 order by createdAt", labId), w -> toDto(w, null));
    }

    @Transactional
    public PageDto<WorkerDto> listShared(Paging paging) {
        caller.requirePlatformAdmin();
        return paging.apply(WorkerEntity.<WorkerEntity>find("labId is null order by createdAt"), w -> toDto(w, null));
    }

    /** Revokes a lab's worker; its calls fail from now on and its leases expire and are re-queued. */
    @Transactional
    public void revokeForLab(UUID labId, UUID workerId) {
        access.require(labId, Role.OWNER, "worker", workerId);
        WorkerEntity worker = WorkerEntity.findById(workerId);
        if (worker == null || !labId.equals(worker.labId)) {
            throw ApiException.notFound("worker", workerId);
        }
        revoke(worker);
    }

    @Transactional
    public void revokeShared(UUID workerId) {
        caller.requirePlatformAdmin();
        WorkerEntity worker = WorkerEntity.findById(workerId);
        if (worker == null || worker.labId != null) {
            throw ApiException.notFound("worker", workerId);
        }
        revoke(worker);
    }

    /**
     * The worker behind a token, or empty when it is unknown or revoked. Served from {@link WorkerTokenCache} when
     * cached; otherwise one SELECT on the pool (no transaction), and an UPDATE of {@code last_seen_at} when that is
     * older than {@value #SEEN_RESOLUTION_SECONDS} s.
     */
    public Optional<WorkerProfile> resolve(String secret) {
        if (!isWorkerToken(secret) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(secret);
        WorkerProfile cached = cache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = cache.generation();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            WorkerProfile worker;
            Instant lastSeen;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, lab_id, device, gpu_memory_mb, kinds, registered_at IS NOT NULL, last_seen_at, slots
                    FROM worker WHERE token_hash = ? AND revoked_at IS NULL""")) {
                s.setString(1, hash);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    boolean registered = rs.getBoolean(6);
                    String device = rs.getString(3);
                    worker = new WorkerProfile(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            registered && device != null ? WorkerDevice.valueOf(device) : null, rs.getInt(4),
                            registered ? Arrays.stream((String[]) rs.getArray(5).getArray()).map(JobKind::valueOf)
                                    .toList() : List.of(), registered ? rs.getInt(8) : 1);
                    OffsetDateTime seen = rs.getObject(7, OffsetDateTime.class);
                    lastSeen = seen == null ? null : seen.toInstant();
                }
            }
            if (lastSeen == null || lastSeen.plus(SEEN_RESOLUTION).isBefore(now)) {
                try (PreparedStatement s = c.prepareStatement("UPDATE worker SET last_seen_at = ? WHERE id = ?")) {
                    s.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    s.setObject(2, worker.workerId());
                    s.executeUpdate();
                }
            }
            cache.put(hash, worker, now, generation);
            return Optional.of(worker);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up a worker token: " + e.getMessage(), e);
        }
    }

    /** Records what the calling worker's node offers. */
    @Transactional
    public WorkerDto register(UUID workerId, WorkerRegistration registration) {
        if (registration == null || registration.capabilities() == null) {
            throw ApiException.badRequest("request.missing-body",
                    "Send {capabilities: {device, gpuMemoryMb, kinds, slots}, host, softwareVersion}.");
        }
        WorkerCapabilities c = registration.capabilities();
        if (c.device() == null) {
            throw ApiException.invalidField("capabilities.device", "capabilities.device must be CUDA or CPU.");
        }
        int gpuMemory = c.gpuMemoryMb() == null ? 0 : c.gpuMemoryMb();
        if (gpuMemory < 0 || gpuMemory > 16 * 1024 * 1024) {
            throw ApiException.invalidField("capabilities.gpuMemoryMb",
                    "capabilities.gpuMemoryMb must be between 0 and 16777216, not " + gpuMemory + ".");
        }
        if (c.device() == WorkerDevice.CPU && gpuMemory != 0) {
            throw ApiException.invalidField("capabilities.gpuMemoryMb", "A CPU worker has no GPU memory; send 0.");
        }
        if (c.kinds() == null || c.kinds().isEmpty() || c.kinds().contains(null)) {
            throw ApiException.invalidField("capabilities.kinds", "capabilities.kinds must name at least one of "
                    + Arrays.toString(JobKind.values()) + ".");
        }
        int slots = c.slots() == null ? 1 : c.slots();
        if (slots < 1 || slots > 64) {
            throw ApiException.invalidField("capabilities.slots", "capabilities.slots must be between 1 and 64, not "
                    + slots + ".");
        }
        measurements("capabilities.patchesPerSecond", c.patchesPerSecond(), false);
        measurements("capabilities.trainingFixedSeconds", c.trainingFixedSeconds(), true);
        WorkerEntity worker = WorkerEntity.findById(workerId);
        worker.device = c.device();
        worker.patchesPerSecond = new HashMap<>(c.patchesPerSecond());
        worker.trainingFixedSeconds = new HashMap<>(c.trainingFixedSeconds());
        worker.gpuMemoryMb = gpuMemory;
        worker.kinds = new LinkedHashSet<>(c.kinds()).stream().map(Enum::name).toArray(String[]::new);
        worker.slots = slots;
        worker.host = Texts.optional(registration.host(), "host", 200);
        worker.softwareVersion = Texts.optional(registration.softwareVersion(), "softwareVersion", 100);
        worker.registeredAt = clock.instant();
        worker.lastSeenAt = worker.registeredAt;
        invalidateAfterCommit(workerId);
        return toDto(worker, null);
    }

    /** At most 100 finite figures, each above 0 (or 0 too when {@code zeroAllowed}), with keys of 200 characters. */
    private static void measurements(String field, Map<String, Double> figures, boolean zeroAllowed) {
        if (figures.size() > 100) {
            throw ApiException.invalidField(field, field + " may hold at most 100 figures, not " + figures.size()
                    + ".");
        }
        for (Map.Entry<String, Double> figure : figures.entrySet()) {
            Double v = figure.getValue();
            if (figure.getKey().length() > 200 || v == null || v.isInfinite() || !(zeroAllowed ? v >= 0 : v > 0)) {
                throw ApiException.invalidField(field, field + "[\""
                        + figure.getKey().substring(0, Math.min(50, figure.getKey().length())) + "\"] must be a number"
                        + (zeroAllowed ? " of 0 or more" : " above 0") + " with a key of at most 200 characters, not "
                        + v + ".");
            }
        }
    }

    private WorkerDto create(UUID labId, CreateWorkerRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {name}.");
        }
        String secret = TOKEN_PREFIX + Hashing.randomSecret(32);
        WorkerEntity worker = new WorkerEntity();
        worker.id = UUID.randomUUID();
        worker.labId = labId;
        worker.name = Texts.required(request.name(), "name", 200);
        worker.tokenHash = Hashing.sha256Hex(secret);
        worker.tokenPrefix = secret.substring(0, 12);
        worker.kinds = new String[0];
        worker.slots = 1;
        worker.createdBy = caller.userId();
        worker.createdAt = clock.instant();
        worker.persist();
        return toDto(worker, secret);
    }

    private void revoke(WorkerEntity worker) {
        if (worker.revokedAt == null) {
            worker.revokedAt = clock.instant();
        }
        invalidateAfterCommit(worker.id);
    }

    /** Drops the worker's cached token once the current transaction committed (or rolled back: harmless). */
    private void invalidateAfterCommit(UUID workerId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate(workerId);
            }
        });
    }

    static WorkerDto toDto(WorkerEntity w, String secret) {
        WorkerCapabilities capabilities = w.registeredAt == null ? null : new WorkerCapabilities(w.device,
                w.gpuMemoryMb, Arrays.stream(w.kinds).map(JobKind::valueOf).toList(), w.slots,
                w.patchesPerSecond, w.trainingFixedSeconds);
        return new WorkerDto(w.id, w.labId, w.name, capabilities, w.host, w.softwareVersion, w.tokenPrefix, w.createdAt,
                w.registeredAt, w.lastSeenAt, w.revokedAt, secret);
    }

    /** The kinds a registered worker runs. */
    static List<JobKind> kinds(WorkerEntity w) {
        return Arrays.stream(w.kinds).map(JobKind::valueOf).toList();
    }
}
