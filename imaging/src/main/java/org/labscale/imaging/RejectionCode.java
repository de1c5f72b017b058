package org.labscale.imaging;

/**
 * Stable, machine-readable reasons for refusing an uploaded image or annotation. The {@link #id()} strings are part of
 * the public API (the platform returns them in 4xx bodies): never rename one, only add.
 */
public enum RejectionCode {
    /** The file has no bytes. */
    EMPTY("image.empty"),
    /** The bytes are not an image at all (text, archive, PDF, ...). */
    NOT_AN_IMAGE("image.not-an-image"),
    /** An image format we do not accept (JPEG, GIF, BMP, ...). */
    UNSUPPORTED_FORMAT("image.unsupported-format"),
    /** The file ends before its structure or pixel data does: usually a cut-off upload. */
    TRUNCATED("image.truncated"),
    /** The structure or compressed pixel data is damaged. */
    CORRUPT("image.corrupt"),
    /** Width, height or pixels per plane exceed the configured limits. */
    TOO_LARGE("image.too-large"),
    /** More planes (pages x samples) or more total pixels than the configured limits. */
    TOO_MANY_PLANES("image.too-many-planes"),
    /** Bits per sample other than 8, 16 (integer) or 32 (float). */
    UNSUPPORTED_BIT_DEPTH("image.unsupported-bit-depth"),
    /** Signed integers, 32-bit integers, 8/16-bit floats and the like. */
    UNSUPPORTED_SAMPLE_FORMAT("image.unsupported-sample-format"),
    /** A TIFF compression other than none, LZW or Deflate. */
    UNSUPPORTED_COMPRESSION("image.unsupported-compression"),
    /** Palette (indexed-colour) images, CMYK, YCbCr, inverted grayscale. */
    UNSUPPORTED_COLOR_TYPE("image.unsupported-color-type"),
    /** An interlaced (Adam7) PNG: its rows cannot be decoded in one pass with bounded memory. */
    UNSUPPORTED_INTERLACE("image.unsupported-interlace"),
    /** Decoding the pixel data took more than the configured processing time. */
    TOO_COSTLY("image.too-costly"),
    /** Pages of a multi-page TIFF differ in size, bit depth, sample format or samples per pixel. */
    INCONSISTENT_PAGES("image.inconsistent-pages"),
    /** A file meant as one channel of an image (per-channel upload) holds several planes (pages or samples). */
    CHANNEL_NOT_SINGLE_PLANE("image.channel-not-single-plane"),
    /** An annotation's width/height differ from its image's. */
    MASK_SIZE_MISMATCH("mask.size-mismatch"),
    /** An annotation is not one grayscale plane (RGB or several pages). */
    MASK_NOT_SINGLE_PLANE("mask.not-single-plane"),
    /** An annotation is not stored as 8- or 16-bit unsigned integers. */
    MASK_UNSUPPORTED_BIT_DEPTH("mask.unsupported-bit-depth"),
    /** An annotation holds values its declared kind does not allow. */
    MASK_INVALID_VALUES("mask.invalid-values"),
    /** A class map uses more classes than allowed. */
    MASK_TOO_MANY_CLASSES("mask.too-many-classes"),
    /** An annotation marks no cell at all (only background). */
    MASK_EMPTY("mask.empty");

    private final String id;

    RejectionCode(String id) {
        this.id = id;
    }

    /** The stable identifier, e.g. {@code image.too-large}. */
    public String id() {
        return id;
    }
}
