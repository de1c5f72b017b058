package org.labscale.shared.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The attempt succeeded ({@code POST /api/v1/worker/jobs/{jobId}/complete}). The API checks that every named output
 * object exists before it accepts, records them, and deletes objects that other (lost) attempts left behind.
 *
 * @param leaseId the lease's fencing token
 * @param result  a JSON object describing the result (at most 64 KiB serialised)
 * @param outputs names (keys of {@link LeaseDto#outputs()}) of the objects this attempt stored
 * @param next    optional: once the completion is recorded, lease the next job as {@code POST /api/v1/worker/lease}
 *                would (same long poll), and answer it in the same round trip: 200 with the {@link LeaseDto}, 204 when
 *                none came. Null: 204, nothing leased. A worker that is about to stop sends null.
 */
public record CompleteRequest(UUID leaseId, Map<String, Object> result, List<String> outputs, LeaseRequest next) {

    /** A completion that leases nothing. */
    public CompleteRequest(UUID leaseId, Map<String, Object> result, List<String> outputs) {
        this(leaseId, result, outputs, null);
    }
}
