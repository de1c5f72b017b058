package org.labscale.api.image.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.labscale.api.config.LabscaleConfig;

/**
 * Warns at start when the HTTP layer's body limit would cut uploads off before our own limit: the HTTP layer answers
 * such requests with a bare 413 (no error body, connection closed) instead of {@code upload.too-large}.
 */
@ApplicationScoped
public class UploadLimitsCheck {

    private static final Logger LOG = Logger.getLogger(UploadLimitsCheck.class);

    @Inject
    LabscaleConfig config;

    void check(@Observes StartupEvent event) {
        long ours = config.upload().maxBytes() + UploadSizeFilter.FORM_ALLOWANCE;
        ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .ifPresent(http -> {
                    if (http.asLongValue() < ours) {
                        LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) is below labscale.upload.max-bytes"
                                + " plus %d bytes for form fields (%d): multipart uploads between the two get the"
                                + " HTTP layer's bare 413 instead of upload.too-large. Raise max-body-size.",
                                http.asLongValue(), UploadSizeFilter.FORM_ALLOWANCE, ours);
                    }
                });
    }
}
