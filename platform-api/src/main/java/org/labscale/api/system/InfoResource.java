package org.labscale.api.system;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.PublicEndpoint;

/** What this server is; workers and the UI call it to check they reach the right thing. */
@Path("/api/v1")
@Tag(name = "System")
public class InfoResource {

    /** Public facts about the platform. */
    public record Info(String name, String version, String apiVersion) {
    }

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @GET
    @Path("/info")
    @PublicEndpoint
    @Operation(summary = "Platform name and version")
    public Info info() {
        return new Info("Labscale", version, "v1");
    }
}
