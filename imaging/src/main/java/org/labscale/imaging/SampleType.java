package org.labscale.imaging;

/** How one sample (one channel of one pixel) is stored. Only these three occur in microscopy uploads we accept. */
public enum SampleType {
    /** 8-bit unsigned integer, 0..255. */
    UINT8(8),
    /** 16-bit unsigned integer, 0..65535 (typical camera output). */
    UINT16(16),
    /** 32-bit IEEE floating point (processed or normalised data); TIFF only. */
    FLOAT32(32);

    private final int bits;

    SampleType(int bits) {
        this.bits = bits;
    }

    /** Bits per sample. */
    public int bits() {
        return bits;
    }

    /** Bytes per sample once decoded. */
    public int bytes() {
        return bits / 8;
    }

    /** Whether samples are integers (so they can be used as labels). */
    public boolean isInteger() {
        return this != FLOAT32;
    }
}
