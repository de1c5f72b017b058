package org.labscale.api.job.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.job.persistence.JobEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.account.Role;
import org.labscale.shared.job.JobOutputDto;

/**
 * The outputs of a job's successful attempt as its lab's users see them: a list with sizes, one output (its S3 key,
 * which the resource turns into a presigned redirect), or all of them as one zip streamed from S3 entry by entry.
 * Viewers may read; another lab's job is a 404.
 */
@ApplicationScoped
public class JobOutputService {

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    ObjectStore store;

    /** An output's key and name. */
    public record Stored(String name, String key, long sizeBytes, Instant createdAt) {
        JobOutputDto toDto() {
            return new JobOutputDto(name, sizeBytes, createdAt);
        }
    }

    public List<JobOutputDto> list(UUID labId, UUID jobId) {
        return stored(labId, jobId).stream().map(Stored::toDto).toList();
    }

    public Stored one(UUID labId, UUID jobId, String name) {
        return stored(labId, jobId).stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new ApiException(404, "not-found", "Job " + jobId + " has no output named '" + name
                        + "'.", Map.of("resource", "job output", "id", jobId + "/" + name)));
    }

    /** The job's outputs, checked before any byte of the response is written (a 404 must not arrive as a zip). */
    public List<Stored> forZip(UUID labId, UUID jobId) {
        List<Stored> outputs = stored(labId, jobId);
        if (outputs.isEmpty()) {
            throw new ApiException(404, "not-found", "Job " + jobId + " has no outputs (only a successful job has).",
                    Map.of("resource", "job output", "id", jobId.toString()));
        }
        return outputs;
    }

    /** Writes the outputs as a zip, one entry per output named like the output, streaming each from S3. */
    public void zip(List<Stored> outputs, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Stored o : outputs) {
                ZipEntry entry = new ZipEntry(o.name());
                entry.setTime(o.createdAt().toEpochMilli());
                zip.putNextEntry(entry);
                try (InputStream in = store.open(o.key())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Stored> stored(UUID labId, UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            access.require(labId, Role.VIEWER, "job", jobId);
            JobEntity job = JobEntity.findById(jobId);
            if (job == null || !job.labId.equals(labId)) {
                throw ApiException.notFound("job", jobId);
            }
            List<Object[]> rows = em.createNativeQuery("""
                            select name, object_key, size_bytes, created_at from job_output
                            where job_id = :id order by name""")
                    .setParameter("id", jobId).getResultList();
            return rows.stream().map(r -> new Stored((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                    instant(r[3]))).toList();
        });
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
