package org.labscale.api.image.tile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the viewer's tiles ({@code labscale.tiles.*}, environment {@code LABSCALE_TILES_*}). */
@ConfigMapping(prefix = "labscale.tiles")
public interface TileConfig {

    /** Folder of the local pyramid cache; a {@code labscale-tiles} folder in the temp folder when absent. */
    Optional<Path> cacheDir();

    /** Largest total size of the pyramid cache on disk; least recently viewed images are dropped beyond it. */
    @WithDefault("21474836480")
    long cacheMaxBytes();

    /** How long a tile request waits for its image's pyramid to be built before answering 503 (retry later). */
    @WithDefault("PT20S")
    Duration buildWait();

    /**
     * Images with at least this many pixels per plane get their pyramid built right after upload, in the background
     * (one build at a time), so that the viewer's first tiles do not wait for it; smaller images build in well under a
     * second on first view. 0 builds every image's pyramid after upload.
     */
    @WithDefault("16000000")
    long prebuildMinPixels();
}
