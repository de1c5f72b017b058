package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Recognises a file by its first bytes. Accepts TIFF (classic and BigTIFF, either byte order) and PNG; names other
 * common formats in the rejection so the uploader knows what they sent.
 */
final class FileSignature {

    /** How many leading bytes {@link #detect} needs at most. */
    static final int LENGTH = 16;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private FileSignature() {
    }

    /**
     * @param head the first bytes of the file (fewer than {@link #LENGTH} if the file is shorter)
     * @param fileSize the total size, for the empty-file case
     */
    static ImageFormat detect(byte[] head, long fileSize) throws ImageRejectedException {
        if (fileSize == 0) {
            throw new ImageRejectedException(RejectionCode.EMPTY, "The file is empty (0 bytes); please upload it again.");
        }
        if (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42)
                || startsWith(head, 'I', 'I', 43, 0) || startsWith(head, 'M', 'M', 0, 43)) {
            return ImageFormat.TIFF;
        }
        if (startsWith(head, PNG)) {
            return ImageFormat.PNG;
        }
        if (isPrefixOf(head, PNG) || isPrefixOf(head, new byte[]{'I', 'I', 42, 0})
                || isPrefixOf(head, new byte[]{'M', 'M', 0, 42})) {
            throw new ImageRejectedException(RejectionCode.TRUNCATED, "The file is only " + head.length
                    + " bytes long and ends inside its header; it was probably cut off during upload.");
        }
        String other = otherImageFormat(head);
        if (other != null) {
            throw new ImageRejectedException(RejectionCode.UNSUPPORTED_FORMAT, other
                    + " files are not supported; upload TIFF (8/16-bit integer or 32-bit float) or PNG (8/16-bit).");
        }
        String kind = nonImageKind(head);
        throw new ImageRejectedException(RejectionCode.NOT_AN_IMAGE, "The file is not an image"
                + (kind == null ? "" : " (it looks like " + kind + ")")
                + "; upload TIFF or PNG.");
    }

    private static String otherImageFormat(byte[] h) {
        if (startsWith(h, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (startsWith(h, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (startsWith(h, 'B', 'M')) {
            return "BMP";
        }
        if (startsWith(h, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsWith(h, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (startsWith(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B') {
            return "WebP";
        }
        if (h.length >= 12 && h[4] == 'f' && h[5] == 't' && h[6] == 'y' && h[7] == 'p') {
            return "HEIF/AVIF";
        }
        if (startsWith(h, 0x89, 'H', 'D', 'F')) {
            return "HDF5";
        }
        return null;
    }

    private static String nonImageKind(byte[] h) {
        if (startsWith(h, 'P', 'K', 3, 4) || startsWith(h, 'P', 'K', 5, 6)) {
            return "a ZIP archive; upload the images inside it one by one";
        }
        if (startsWith(h, 0x1F, 0x8B)) {
            return "a gzip archive";
        }
        if (startsWith(h, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        if (h.length > 0 && isMostlyText(h)) {
            return "a text file";
        }
        return null;
    }

    private static boolean isMostlyText(byte[] h) {
        String s = StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(h)).toString();
        return s.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F) || c >= 0xA0);
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the (short) head is a proper prefix of the signature, i.e. a file cut inside its signature. */
    private static boolean isPrefixOf(byte[] head, byte[] signature) {
        if (head.length == 0 || head.length >= signature.length) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
