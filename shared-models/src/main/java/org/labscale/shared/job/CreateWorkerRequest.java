package org.labscale.shared.job;

/**
 * Makes a worker credential ({@code POST /api/v1/labs/{labId}/workers} by a lab owner, or
 * {@code POST /api/v1/admin/workers} by the platform administrator).
 *
 * @param name a name for people, 1 to 200 characters, e.g. "gpu-box-2"
 */
public record CreateWorkerRequest(String name) {
}
