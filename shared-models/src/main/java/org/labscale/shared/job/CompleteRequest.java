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
 */
public record CompleteRequest(UUID leaseId, Map<String, Object> result, List<String> outputs) {
}
