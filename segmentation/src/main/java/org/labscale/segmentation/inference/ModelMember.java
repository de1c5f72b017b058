package org.labscale.segmentation.inference;

import org.labscale.segmentation.SegmentationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One ensemble member: an ONNX file and the SHA-256 it was registered with. {@link #readVerified()} reads the bytes
 * once and checks their hash, and the session is created from those same bytes, so the file cannot change between
 * the check and the load.
 *
 * @param file   the ONNX file
 * @param sha256 lower- or upper-case hex SHA-256 of the file as registered
 */
public record ModelMember(Path file, String sha256) {

    public ModelMember {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** A member whose expected hash is that of the file as it is now (for models built on the spot, e.g. tests). */
    public static ModelMember trusting(Path file) throws IOException {
        return new ModelMember(file, sha256(Files.readAllBytes(file)));
    }

    /**
     * The file's bytes, after checking their SHA-256.
     *
     * @throws SegmentationException {@code MODEL_TAMPERED} on a hash mismatch, {@code MODEL_UNREADABLE} when the
     *                               file cannot be read
     */
    public byte[] readVerified() throws SegmentationException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SegmentationException(SegmentationException.MODEL_UNREADABLE, "The model file "
                    + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new SegmentationException(SegmentationException.MODEL_TAMPERED, "The model file "
                    + file.getFileName() + " is not the one registered (SHA-256 " + actual + ", expected " + sha256
                    + "): it was altered or corrupted, so it was not used.");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
