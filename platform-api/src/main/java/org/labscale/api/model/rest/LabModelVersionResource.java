package org.labscale.api.model.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Paging;
import org.labscale.api.model.service.LabModelVersions;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.LabModelVersionDto;

@Path("/api/v1/labs/{labId}/model-versions")
@Tag(name = "Models")
public class LabModelVersionResource {

    @Inject
    LabModelVersions versions;

    @GET
    @Operation(summary = "Every version of the lab's models, newest first, with its model and visibility")
    public PageDto<LabModelVersionDto> list(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                            @QueryParam("size") Integer size) {
        return versions.list(labId, Paging.of(page, size));
    }
}
