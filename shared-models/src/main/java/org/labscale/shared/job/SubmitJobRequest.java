package org.labscale.shared.job;

import java.util.Map;

/**
 * A job to run, sent to {@code POST /api/v1/labs/{labId}/jobs}. A request that can never run is refused with a 4xx
 * (unknown kind, malformed payload, numbers out of range, resources missing or of another lab). A job that no
 * registered worker can run yet is NOT refused: it waits in the queue until a suitable worker (the lab's own or a
 * shared one) asks for work.
 *
 * @param kind           what to run
 * @param payload        the JSON object of {@code kind.payloadType()}
 * @param priority       -10 to 10, default 0; higher first within the lab
 * @param maxAttempts    1 to 10, default 3: attempts lost with their worker or failed retryably are retried
 * @param requiresGpu    only CUDA workers may run it (default false)
 * @param minGpuMemoryMb only workers with at least this much GPU memory may run it (0 to 1,048,576, default 0; more
 *                       than 0 implies {@code requiresGpu})
 */
public record SubmitJobRequest(JobKind kind, Map<String, Object> payload, Integer priority, Integer maxAttempts,
                               Boolean requiresGpu, Integer minGpuMemoryMb) {
}
