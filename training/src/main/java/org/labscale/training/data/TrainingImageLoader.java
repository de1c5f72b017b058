package org.labscale.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.labscale.convnet.normalize.ChannelScaling;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.imaging.resample.PixelSizeResampler;
import org.labscale.shared.net.Normalization;
import org.labscale.training.TrainingException;
import org.labscale.training.TrainingException.Code;

/**
 * Turns an image file and its class map into a {@link TrainingImage}: reads the channels the net needs (TIFF or PNG,
 * through {@code imaging}), checks sizes and class values, and normalises every channel with
 * {@link LocalMeanNormalizer} (the {@link ChannelScaling} of the whole channel, window of the normalisation). The raw
 * plane of a nuclear channel is kept beside ({@link TrainingImage#nuclearMarker()}) when one is named. A training at
 * one pixel size ({@link org.labscale.shared.job.TrainingPixelSize}) first resamples the planes and the class map by
 * the image's factor ({@link PixelSizeResampler}: intensities interpolated, classes nearest).
 */
public final class TrainingImageLoader {

    private final int receptiveField;
    private final int classes;
    private final LocalMeanNormalizer normalizer;
    private final String method;
    private final int nuclearChannel;
    private final boolean keepScaled;

    /**
     * @param receptiveField the net's patch side; smaller images are refused
     * @param classes        number of classes; class-map values must be below it
     * @param normalization  the normalisation's method and window (odd)
     */
    public TrainingImageLoader(int receptiveField, int classes, Normalization normalization) {
        this(receptiveField, classes, normalization, -1);
    }

    /**
     * @param nuclearChannel index (in the net's channel order) of the nuclear channel whose raw plane is kept, or -1
     */
    public TrainingImageLoader(int receptiveField, int classes, Normalization normalization, int nuclearChannel) {
        this(receptiveField, classes, normalization, nuclearChannel, false);
    }

    /**
     * @param keepScaled whether the images keep their planes before the local mean ({@link TrainingImage#scaled()}),
     *                   for context mixing (twice the memory of the channels)
     */
    public TrainingImageLoader(int receptiveField, int classes, Normalization normalization, int nuclearChannel,
                               boolean keepScaled) {
        this.keepScaled = keepScaled;
        this.receptiveField = receptiveField;
        this.classes = classes;
        this.normalizer = new LocalMeanNormalizer(normalization.window());
        this.method = normalization.method();
        this.nuclearChannel = nuclearChannel;
    }

    /**
     * Reads {@code channelIndices} (0-based, in the net's order) of the first frame of {@code imageFile} and the
     * class map {@code classMapFile} (an 8/16-bit single-plane PNG or TIFF of class values).
     */
    public TrainingImage load(String name, Path imageFile, List<Integer> channelIndices, Path classMapFile)
            throws TrainingException {
        return load(name, imageFile, channelIndices, classMapFile, LabelKind.CLASS_MAP, 1);
    }

    /**
     * The same resampled by {@code factor} (the image's pixel size over the one trained at; 1: as it is), before
     * normalisation, so that the net sees the image at the training's pixel size. The labels are the annotation as
     * uploaded, of {@code kind}: an instance or binary mask is resampled (nearest neighbour, every cell keeps its
     * label) and only then made a class map ({@link BoundaryInteriorMap#classMap}), so that cell boundaries are one
     * pixel wide at the training's pixel size as at any other; a class map is resampled as it is.
     */
    public TrainingImage load(String name, Path imageFile, List<Integer> channelIndices, Path labelFile,
                              LabelKind kind, double factor) throws TrainingException {
        List<FloatPlane> planes = new ArrayList<>();
        try (ImageFile image = ImageFile.open(imageFile, PageMode.CHANNELS)) {
            int available = image.info().channels();
            for (int index : channelIndices) {
                if (index < 0 || index >= available) {
                    throw new TrainingException(Code.CHANNELS_MISMATCH, "Image " + name + " has " + available
                            + " channel(s); channel " + (index + 1) + " is needed.");
                }
                planes.add(image.readPlane(index, 0));
            }
        } catch (ImageRejectedException e) {
            throw new TrainingException(Code.UNREADABLE_INPUT, "Image " + name + " cannot be read: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new TrainingException(Code.UNREADABLE_INPUT, "Image " + name + " cannot be read: " + e, e);
        }
        LabelImage classMap;
        try {
            classMap = new LabelImageReader().read(labelFile);
        } catch (ImageRejectedException e) {
            throw new TrainingException(Code.UNREADABLE_INPUT, "The class map of image " + name + " cannot be read: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new TrainingException(Code.UNREADABLE_INPUT, "The class map of image " + name + " cannot be read: "
                    + e, e);
        }
        if (PixelSizeResampler.identity(factor) || planes.isEmpty()) {
            return fromPlanes(name, planes, BoundaryInteriorMap.classMap(classMap, kind));
        }
        FloatPlane first = planes.get(0);
        int width = (int) PixelSizeResampler.size(first.width(), factor);
        int height = (int) PixelSizeResampler.size(first.height(), factor);
        boolean sameSizes = classMap.width() == first.width() && classMap.height() == first.height()
                && planes.stream().allMatch(p -> p.width() == first.width() && p.height() == first.height());
        if (!sameSizes) {
            return fromPlanes(name, planes, classMap); // refused there, naming the sizes
        }
        List<FloatPlane> resampled = new ArrayList<>();
        for (FloatPlane plane : planes) {
            resampled.add(PixelSizeResampler.intensities(plane, width, height));
        }
        return fromPlanes(name, resampled, BoundaryInteriorMap.classMap(PixelSizeResampler.labels(classMap, width,
                height), kind));
    }

    /** The same from planes and a class map already in memory. */
    public TrainingImage fromPlanes(String name, List<FloatPlane> planes, LabelImage classMap)
            throws TrainingException {
        if (planes.isEmpty()) {
            throw new TrainingException(Code.CHANNELS_MISMATCH, "Image " + name + " has no channel to learn from.");
        }
        int width = planes.get(0).width();
        int height = planes.get(0).height();
        for (FloatPlane plane : planes) {
            if (plane.width() != width || plane.height() != height) {
                throw new TrainingException(Code.CHANNELS_MISMATCH, "The channels of image " + name
                        + " differ in size.");
            }
        }
        if (width < receptiveField || height < receptiveField) {
            throw new TrainingException(Code.IMAGE_TOO_SMALL, "Image " + name + " is " + width + "x" + height
                    + " px, smaller than the net's " + receptiveField + "x" + receptiveField + " px receptive field;"
                    + " use larger images or a net with a smaller receptive field.");
        }
        if (classMap.width() != width || classMap.height() != height) {
            throw new TrainingException(Code.LABELS_MISMATCH, "The class map of image " + name + " is "
                    + classMap.width() + "x" + classMap.height() + " px, the image " + width + "x" + height + " px.");
        }
        int[] labels = classMap.toArray();
        byte[] classOf = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i];
            if (v < 0 || v >= classes) {
                throw new TrainingException(Code.LABELS_MISMATCH, "The class map of image " + name + " has class "
                        + v + " at x=" + (i % width) + ", y=" + (i / width) + ", but the net predicts only "
                        + classes + " classes.");
            }
            classOf[i] = (byte) v;
        }
        float[][] channels = new float[planes.size()][];
        float[][] scaled = keepScaled ? new float[planes.size()][] : null;
        for (int c = 0; c < planes.size(); c++) {
            float[] pixels = planes.get(c).pixels();
            ChannelScaling scaling = ChannelScaling.of(method, pixels);
            channels[c] = normalizer.normalize(pixels, width, height, scaling);
            if (keepScaled) {
                scaled[c] = LocalMeanNormalizer.scaled(pixels, scaling);
            }
        }
        FloatPlane marker = nuclearChannel >= 0 && nuclearChannel < planes.size() ? planes.get(nuclearChannel) : null;
        return new TrainingImage(name, width, height, channels, classOf, marker, scaled);
    }
}
