package org.labscale.segmentation;

/**
 * Why one image could not be segmented, with a stable {@link #code()} and a sentence a biologist can act on. A job
 * records it for that image and goes on with the others.
 */
public class SegmentationException extends Exception {

    /** The model file's SHA-256 differs from the registered one (altered or corrupted); it was not loaded. */
    public static final String MODEL_TAMPERED = "segmentation.model-tampered";
    /** The model file cannot be read or is not a Labscale ONNX model. */
    public static final String MODEL_UNREADABLE = "segmentation.model-unreadable";
    /** The ensemble's members disagree (channels, classes, receptive field), or ONNX Runtime refused a model. */
    public static final String MODEL_INCOMPATIBLE = "segmentation.model-incompatible";
    /** The image has fewer channels than the model reads, or the channel map points past them. */
    public static final String CHANNELS_MISMATCH = "segmentation.channels-mismatch";
    /** The image is too small for the model's receptive field. */
    public static final String IMAGE_TOO_SMALL = "segmentation.image-too-small";
    /** ONNX Runtime failed while running the model. */
    public static final String INFERENCE_FAILED = "segmentation.inference-failed";

    private final String code;

    public SegmentationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SegmentationException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
