package org.labscale.worker.lease;

import org.jboss.logging.MDC;
import org.labscale.shared.job.LeaseDto;

/**
 * The logging context of a job's lines, on every thread that works for it (slot, handler, heartbeats): {@code jobId}
 * and {@code attempt} for structured logs, and {@code job} ("job ID attempt N: ") for the console format.
 */
final class JobMdc {

    private JobMdc() {
    }

    static void set(LeaseDto lease) {
        MDC.put("jobId", lease.jobId().toString());
        MDC.put("attempt", Integer.toString(lease.attempt()));
        MDC.put("job", "job " + lease.jobId() + " attempt " + lease.attempt() + ": ");
    }

    static void clear() {
        MDC.remove("jobId");
        MDC.remove("attempt");
        MDC.remove("job");
    }
}
