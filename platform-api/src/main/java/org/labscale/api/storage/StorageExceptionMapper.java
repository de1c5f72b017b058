package org.labscale.api.storage;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.labscale.shared.api.ErrorBody;

/** Storage outages are the platform's fault, not the caller's: 503, with the cause in the log. */
public class StorageExceptionMapper {

    private static final Logger LOG = Logger.getLogger(StorageExceptionMapper.class);

    @ServerExceptionMapper
    public Response unavailable(StorageException e) {
        LOG.error(e.getMessage(), e);
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("storage.unavailable",
                        "Object storage is unavailable right now; nothing was changed. Try again shortly.", Map.of()))
                .build();
    }
}
