package org.labscale.worker.handler.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.ChannelMapping;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.shared.job.KtrOptions;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The cytoplasm model of a KTR read-out ({@link KtrOptions#cytoplasmModelId()}): each frame's cells segmented by it with
 * ACTIVE_CONTOURS seeded by the frame's own nuclei (the masks the tracks are made of), as a SEGMENTATION job seeds
 * them with a nuclear model ({@link PostProcessor#cytoplasm}, default settings). The cells then give each nucleus its
 * cytoplasm ({@link org.labscale.tracking.ktr.CellCytoplasm}).
 */
final class KtrCytoplasm implements AutoCloseable {

    /** ACTIVE_CONTOURS with every other setting at its default. */
    static final PostProcessing SETTINGS = new PostProcessing(PostProcessingMethod.ACTIVE_CONTOURS, null, null, null,
            null, null, null, null, null, null, null, null, null).withDefaults();

    private final EnsembleModel model;
    private final int[] channels;
    private final PostProcessor post = new PostProcessor(SETTINGS);
    private final BooleanSupplier cancelled;
    private final ModelVersionDto version;
    private final IntFunction<Double> pixelSizes;

    private KtrCytoplasm(EnsembleModel model, int[] channels, BooleanSupplier cancelled, ModelVersionDto version,
                         IntFunction<Double> pixelSizes) {
        this.model = model;
        this.channels = channels;
        this.cancelled = cancelled;
        this.version = version;
        this.pixelSizes = pixelSizes;
    }

    /**
     * Opens the lease's {@code cytoplasmModel} for a series of {@code seriesChannels} channels; null when the read-out
     * names no cytoplasm model. A model gone since submission, or reading a channel the series lacks, fails the job
     * (not retried).
     *
     * @param pixelSizes frame t's micrometres per pixel (null: unknown), {@link SeriesInputs#pixelSizes}
     */
    static KtrCytoplasm open(JobContext ctx, ObjectMapper json, KtrOptions ktr, InferenceSettings settings,
                             int seriesChannels, IntFunction<Double> pixelSizes) throws Exception {
        if (ktr == null || ktr.cytoplasmModelId() == null) {
            return null;
        }
        ModelVersionDto version = EnsembleInputs.modelVersion(json, ctx.context().get("cytoplasmModel"),
                "cytoplasm model", ktr.cytoplasmModelId());
        EnsembleModel model = EnsembleInputs.open(ctx, version, settings);
        try {
            int[] channels = ChannelMapping.indices(model.metadata().channels(), ktr.cytoplasmChannelMap(),
                    seriesChannels);
            return new KtrCytoplasm(model, channels, ctx::isCancelled, version, pixelSizes);
        } catch (SegmentationException e) {
            model.close();
            throw new JobFailedException("tracking.ktr-cytoplasm-channels", "The cytoplasm model cannot read the"
                    + " series: " + e.getMessage(), false);
        }
    }

    /**
     * The frame's cells, cell i grown from nucleus i and then renumbered (match them to nuclei by overlap); at the
     * model's pixel size when it and the frame have one, as a SEGMENTATION job runs a model
     * ({@link ImageSegmenter#cytoplasm}).
     *
     * @param t      the frame's index
     * @param frame  every channel of the frame
     * @param nuclei the frame's nuclear mask
     */
    LabelImage cells(int t, List<FloatPlane> frame, LabelImage nuclei) throws SegmentationException {
        List<FloatPlane> input = new ArrayList<>();
        for (int c : channels) {
            input.add(frame.get(c));
        }
        return ImageSegmenter.cytoplasm(model, post, input, nuclei, pixelSizes.apply(t), cancelled);
    }

    /** The model version, for the report. */
    ModelVersionDto version() {
        return version;
    }

    @Override
    public void close() throws Exception {
        model.close();
    }
}
