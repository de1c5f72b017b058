package org.labscale.bioimageio.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.ChannelMapping;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.SegmentationOutput;

/**
 * One image through an imported bioimage.io model, as {@link ImageSegmenter} does it for Labscale ensembles: the
 * job's channel map picks the model's input channels, {@link BioimageioModel} predicts, {@link ImportedCells} makes
 * the cells, and {@link ImageSegmenter#finish} writes the same files and scores them the same way.
 */
public final class BioimageioSegmenter {

    private final BioimageioModel model;
    private final PostProcessing settings;

    public BioimageioSegmenter(BioimageioModel model, PostProcessing settings) {
        this.model = model;
        this.settings = settings;
    }

    /** The same contract as {@link ImageSegmenter#segment}. */
    public ImageSegmenter.Result segment(List<FloatPlane> imageChannels, Map<String, Integer> channelMap,
                                         Set<SegmentationOutput> outputs, LabelImage reference, Path outDir)
            throws SegmentationException, IOException {
        List<String> roles = model.spec().channels();
        int[] indices = ChannelMapping.indices(roles, channelMap, imageChannels.size());
        List<FloatPlane> input = new ArrayList<>();
        for (int i : indices) {
            input.add(imageChannels.get(i));
        }
        int w = input.get(0).width();
        int h = input.get(0).height();
        if (reference != null && (reference.width() != w || reference.height() != h)) {
            throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The reference mask is "
                    + reference.width() + " x " + reference.height() + " but the image " + w + " x " + h + ".");
        }
        float[][] planes;
        try {
            planes = model.predict(input);
        } catch (GraphRunner.GraphException e) {
            throw new SegmentationException(SegmentationException.INFERENCE_FAILED, "The imported model could not"
                    + " run: " + e.getMessage(), e);
        }
        ProbabilityMaps maps = ImportedCells.maps(model.spec(), planes, w, h);
        LabelImage cells = ImportedCells.cells(model.spec(), planes, w, h, settings);
        return ImageSegmenter.finish(input, roles, maps, cells, outputs, reference, outDir, "CPU");
    }
}
