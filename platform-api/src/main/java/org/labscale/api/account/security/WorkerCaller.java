package org.labscale.api.account.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.labscale.api.common.ApiException;
import org.labscale.api.job.service.WorkerProfile;

/** The worker calling in this request, set by {@link BearerTokenFilter} from a worker token. */
@RequestScoped
public class WorkerCaller {

    private WorkerProfile worker;

    void signIn(WorkerProfile worker) {
        this.worker = worker;
    }

    /** The worker's id; 401 when the request carries no worker token. */
    public UUID workerId() {
        return profile().workerId();
    }

    /** The lab the worker serves, or null for a shared worker. */
    public UUID labId() {
        return profile().labId();
    }

    /** The worker and what its node offers (as of the token's resolution); 401 without a worker token. */
    public WorkerProfile profile() {
        if (worker == null) {
            throw ApiException.unauthorized("auth.required", "Send a worker token as 'Authorization: Bearer lsw_...'.");
        }
        return worker;
    }

    /** The registered worker; 409 {@code worker.not-registered} when its node has not registered yet. */
    public WorkerProfile registered() {
        WorkerProfile w = profile();
        if (!w.registered()) {
            throw ApiException.conflict("worker.not-registered",
                    "Register first: POST /api/v1/worker/register with the worker's capabilities.");
        }
        return w;
    }
}
