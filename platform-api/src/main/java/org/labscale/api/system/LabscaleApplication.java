package org.labscale.api.system;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI description of the whole API. */
@OpenAPIDefinition(
        info = @Info(title = "Labscale API", version = "v1",
                description = "Labs, accounts, projects, images, annotations and training sets for cell segmentation. "
                        + "Errors are always {code, message, details}. Lists take page and size. Writes honour If-Match.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A session token from POST /api/v1/auth/login or a personal API token (lsk_...)")
public class LabscaleApplication extends Application {
}
