package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;

/**
 * The frames of a time series, read one at a time in time order: the pages of one multi-page image (page mode
 * FRAMES, one channel), or one image per frame (each read with page mode CHANNELS, its pages being its channels).
 * Only the open frame's file is held open.
 */
final class SeriesFrames implements AutoCloseable {

    private final ImageFile multiPage;
    private final List<Path> perFrame;

    private SeriesFrames(ImageFile multiPage, List<Path> perFrame) {
        this.multiPage = multiPage;
        this.perFrame = perFrame;
    }

    static SeriesFrames multiPage(Path file) throws IOException, ImageRejectedException {
        return new SeriesFrames(ImageFile.open(file, PageMode.FRAMES), null);
    }

    static SeriesFrames perFrame(List<Path> files) {
        return new SeriesFrames(null, List.copyOf(files));
    }

    int count() {
        return multiPage != null ? multiPage.info().frames() : perFrame.size();
    }

    /** Every channel of frame {@code t}. */
    List<FloatPlane> read(int t) throws IOException, ImageRejectedException {
        List<FloatPlane> channels = new ArrayList<>();
        if (multiPage != null) {
            for (int c = 0; c < multiPage.info().channels(); c++) {
                channels.add(multiPage.readPlane(c, t));
            }
            return channels;
        }
        try (ImageFile frame = ImageFile.open(perFrame.get(t), PageMode.CHANNELS)) {
            for (int c = 0; c < frame.info().channels(); c++) {
                channels.add(frame.readPlane(c, 0));
            }
        }
        return channels;
    }

    @Override
    public void close() throws IOException {
        if (multiPage != null) {
            multiPage.close();
        }
    }
}
