package org.labscale.imaging;

import java.util.Objects;

/**
 * An uploaded image or annotation was refused because of its content: the caller's fault, so the platform maps it to
 * a 4xx response with {@link #code()} and the message. The message is one sentence a biologist understands: it names
 * the offending value and says what is supported. Problems on our side (the temp file cannot be read) are plain
 * {@link java.io.IOException}s instead.
 */
public class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionCode reason;

    public ImageRejectedException(RejectionCode reason, String message) {
        this(reason, message, null);
    }

    public ImageRejectedException(RejectionCode reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The reason as an enum, for switch statements. */
    public RejectionCode reason() {
        return reason;
    }

    /** The stable machine-readable code, e.g. {@code image.truncated}. */
    public String code() {
        return reason.id();
    }
}
