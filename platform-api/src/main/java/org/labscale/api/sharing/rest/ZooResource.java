package org.labscale.api.sharing.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.PublicEndpoint;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Paging;
import org.labscale.api.sharing.service.ModelZoo;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.ZooEntryDto;

/**
 * The model zoo: searching every model version the caller may see. Open without an account: an anonymous visitor
 * sees the public versions and their cards, read-only (member downloads and jobs need an account).
 */
@Path("/api/v1/zoo")
@Tag(name = "Zoo")
public class ZooResource {

    @Inject
    ModelZoo zoo;

    @GET
    @Path("/models")
    @PublicEndpoint
    @Operation(summary = "Model versions the caller may see (anonymous: public ones), filtered, sorted and paged")
    public PageDto<ZooEntryDto> search(@QueryParam("q") String text, @QueryParam("task") String task,
                                       @QueryParam("channel") String channel,
                                       @QueryParam("channels") Integer channelCount, @QueryParam("tag") String tag,
                                       @QueryParam("labId") UUID labId, @QueryParam("licence") String licence,
                                       @QueryParam("includeDeprecated") Boolean includeDeprecated,
                                       @QueryParam("sort") String sort, @QueryParam("page") Integer page,
                                       @QueryParam("size") Integer size) {
        return zoo.search(new ModelZoo.Search(text, task, channel, channelCount, tag, labId, licence,
                Boolean.TRUE.equals(includeDeprecated), sort(sort)), Paging.of(page, size));
    }

    @GET
    @Path("/models/{versionId}")
    @PublicEndpoint
    @Operation(summary = "One model version's card, for whoever may see it (anonymous: a public one)")
    public ModelVersionDto card(@PathParam("versionId") UUID versionId) {
        return zoo.card(versionId);
    }

    private static ModelZoo.Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return ModelZoo.Sort.JACCARD;
        }
        try {
            return ModelZoo.Sort.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("sort", "sort must be jaccard, newest or name, not '" + value + "'.");
        }
    }
}
