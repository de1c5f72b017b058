package org.labscale.shared.job;

import java.util.UUID;

/**
 * A lab's share of the workers ({@code GET/PUT /api/v1/admin/labs/{labId}/job-quota}, administrators only).
 *
 * @param maxRunning at most this many of the lab's jobs run at once (1 to 10,000)
 * @param running    how many run now (read only)
 */
public record JobQuotaDto(UUID labId, int maxRunning, int running) {
}
