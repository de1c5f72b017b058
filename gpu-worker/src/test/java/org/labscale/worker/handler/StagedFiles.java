package org.labscale.worker.handler;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** A handler test's input files: written to a folder and named with their SHA-256, as a lease hands them over. */
final class StagedFiles {

    private StagedFiles() {
    }

    /** Writes {@code bytes} as input {@code name} into {@code dir} and records its file and hash. */
    static void stage(Path dir, Map<String, Path> inputs, Map<String, String> hashes, String name, byte[] bytes)
            throws IOException {
        Path file = dir.resolve(name.replace('/', '_'));
        Files.write(file, bytes);
        inputs.put(name, file);
        hashes.put(name, sha256(bytes));
    }

    /** The hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multi-page TIFF of {@code pages}. */
    static byte[] tiff(List<BufferedImage> pages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
