package org.labscale.shared.job;

import java.util.List;

/**
 * A worker asks for a job ({@code POST /api/v1/worker/lease}).
 *
 * @param kinds       only these kinds (a subset of the registered ones); null or empty: every registered kind
 * @param waitSeconds how long to hold the request open when nothing is ready, 0 to the server's limit (25 s by
 *                    default, also the default); 0 answers at once
 */
public record LeaseRequest(List<JobKind> kinds, Integer waitSeconds) {
}
