package org.labscale.training;

/**
 * Training could not go on, for a reason the biologist who submitted the job can act on. {@link #code()} is stable
 * (the job's failure code); the message says what was wrong and what to change.
 */
public class TrainingException extends Exception {

    /** Stable failure codes. */
    public enum Code {
        /** A class has no annotated pixels in the training part of the data. */
        CLASS_WITHOUT_PIXELS("training.class-without-pixels"),
        /** An image is smaller than the net's receptive field. */
        IMAGE_TOO_SMALL("training.image-too-small"),
        /** An image lacks a channel the net needs, or the channels differ in size. */
        CHANNELS_MISMATCH("training.channels-mismatch"),
        /** A class map does not fit its image or has a class value the payload does not name. */
        LABELS_MISMATCH("training.labels-mismatch"),
        /** An image or class map could not be read. */
        UNREADABLE_INPUT("training.unreadable-input"),
        /** There is nothing to train on. */
        NO_DATA("training.no-data"),
        /** The loss became NaN or infinite. */
        LOSS_NOT_FINITE("training.loss-not-finite"),
        /** Cancelled between two steps. */
        CANCELLED("training.cancelled");

        private final String code;

        Code(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Code code;

    public TrainingException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public TrainingException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable code, e.g. {@code training.class-without-pixels}. */
    public String code() {
        return code.code();
    }

    public Code kind() {
        return code;
    }
}
