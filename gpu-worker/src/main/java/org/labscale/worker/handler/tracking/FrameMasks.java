package org.labscale.worker.handler.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.output.OutputNames;
import org.labscale.shared.segmentation.SegmentationOutput;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

/**
 * Where the label mask of each frame of a series comes from: segmented here with the model ensemble, or stored by the
 * job's TRACKING_FRAMES parts (lease inputs {@code segmented/<t>}). Both give the same file: a part writes exactly the
 * mask the ensemble makes here.
 */
interface FrameMasks {

    /** Writes the 16-bit label mask of frame {@code t}, whose channels are {@code channels}, to {@code target}. */
    void write(int t, List<FloatPlane> channels, Path target) throws Exception;

    /** What is done to a frame, for progress messages ("segmenting"). */
    String verb();

    /** The job's progress before the first frame: 0 here, 0.9 after the parts (they count the frames up to it). */
    double start();

    /**
     * Each frame segmented by {@code segmenter} as a SEGMENTATION job segments an image (at the model's pixel size
     * when the model and the frame's image have one, the cells mapped back), in a scratch folder under {@code work}.
     *
     * @param pixelSizeOfFrame the micrometres per pixel of frame t's image (null: unknown)
     */
    static FrameMasks segmented(ImageSegmenter segmenter, IntFunction<Double> pixelSizeOfFrame, Path work) {
        return new FrameMasks() {
            @Override
            public void write(int t, List<FloatPlane> channels, Path target) throws Exception {
                Path dir = work.resolve("frame-" + t);
                segmenter.segment(channels, Map.of(), EnumSet.of(SegmentationOutput.LABELS_TIFF), null, dir,
                        pixelSizeOfFrame.apply(t));
                Files.move(dir.resolve(OutputNames.LABELS_TIFF), target, StandardCopyOption.REPLACE_EXISTING);
                EnsembleInputs.deleteTree(dir);
            }

            @Override
            public String verb() {
                return "segmenting";
            }

            @Override
            public double start() {
                return 0;
            }
        };
    }

    /** Each frame's mask as the job's parts stored it, checked against the hash the part reported. */
    static FrameMasks stored(JobContext ctx) {
        return new FrameMasks() {
            @Override
            public void write(int t, List<FloatPlane> channels, Path target) throws Exception {
                String name = "segmented/" + t;
                Files.copy(ctx.input(name, EnsembleInputs.hash(ctx, name, null)), target,
                        StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public String verb() {
                return "measuring";
            }

            @Override
            public double start() {
                return 0.9;
            }
        };
    }
}
