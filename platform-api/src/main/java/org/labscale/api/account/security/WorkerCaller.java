package org.labscale.api.account.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.labscale.api.common.ApiException;

/** The worker calling in this request, set by {@link BearerTokenFilter} from a worker token. */
@RequestScoped
public class WorkerCaller {

    private UUID workerId;
    private UUID labId;

    void signIn(UUID workerId, UUID labId) {
        this.workerId = workerId;
        this.labId = labId;
    }

    /** The worker's id; 401 when the request carries no worker token. */
    public UUID workerId() {
        if (workerId == null) {
            throw ApiException.unauthorized("auth.required", "Send a worker token as 'Authorization: Bearer lsw_...'.");
        }
        return workerId;
    }

    /** The lab the worker serves, or null for a shared worker. */
    public UUID labId() {
        workerId();
        return labId;
    }
}
