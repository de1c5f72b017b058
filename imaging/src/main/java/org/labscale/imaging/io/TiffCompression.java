package org.labscale.imaging.io;

/** Names of TIFF compression schemes (tag 259), and which ones we decode. */
final class TiffCompression {

    private TiffCompression() {
    }

    /** Whether the scheme is accepted: none, LZW, Adobe Deflate and Deflate. */
    static boolean isSupported(int code) {
        return code == 1 || code == 5 || code == 8 || code == 32946;
    }

    /** Short name, or {@code "unknown"}. */
    static String nameOf(int code) {
        return switch (code) {
            case 1 -> "none";
            case 2 -> "CCITT RLE";
            case 3 -> "CCITT Group 3 fax";
            case 4 -> "CCITT Group 4 fax";
            case 5 -> "LZW";
            case 6 -> "old-style JPEG";
            case 7 -> "JPEG";
            case 8 -> "Adobe Deflate";
            case 32773 -> "PackBits";
            case 32946 -> "Deflate";
            case 33003, 33005, 34712 -> "JPEG 2000";
            case 34887 -> "LERC";
            case 34892 -> "lossy JPEG";
            case 34925 -> "LZMA";
            case 50000 -> "Zstandard";
            case 50001 -> "WebP";
            case 50002 -> "JPEG XL";
            default -> "unknown";
        };
    }

    /** For messages: {@code "JPEG (7)"}. */
    static String describe(int code) {
        return nameOf(code) + " (" + code + ")";
    }
}
