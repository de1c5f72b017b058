package org.labscale.api.image.tile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.api.image.service.ImageStored;
import org.labscale.imaging.PageMode;

/**
 * Builds a large image's tile pyramid right after its upload, in the background, so that the viewer's first tiles
 * come at once instead of after the build (about a minute for 20,000 x 20,000 16-bit pixels). Images below
 * {@link TileConfig#prebuildMinPixels()} pixels per plane are left to their first view, which builds them in well
 * under a second; this also keeps a project of thousands of small images from filling the cache at upload.
 */
@ApplicationScoped
public class PyramidPrebuild {

    private static final Logger LOG = Logger.getLogger(PyramidPrebuild.class);

    @Inject
    TileConfig config;

    @Inject
    PyramidCache cache;

    void onStored(@Observes ImageStored image) {
        if ((long) image.width() * image.height() < config.prebuildMinPixels()) {
            return;
        }
        try {
            cache.prepare(new PyramidCache.Source(image.imageId(), image.objectKey(),
                    PageMode.valueOf(image.pageMode().name())));
        } catch (RuntimeException e) { // the upload succeeded: its first view builds the pyramid instead
            LOG.warnf("Could not start building the tiles of image %s: %s", image.imageId(), e.getMessage());
        }
    }
}
