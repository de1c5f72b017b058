package org.labscale.imaging;

/** Container formats accepted for uploads. Recognised by their signature bytes, never by file name. */
public enum ImageFormat {
    /** Tagged Image File Format, classic or BigTIFF, one or more pages. */
    TIFF,
    /** Portable Network Graphics, single image. */
    PNG
}
