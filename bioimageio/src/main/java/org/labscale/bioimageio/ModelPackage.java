package org.labscale.bioimageio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.bioimageio.rdf.RdfYaml;

/**
 * A bioimage.io model package: the model description and the files it names, as a zip. The description is
 * {@code rdf.yaml} (or, in older packages, {@code bioimageio.yaml} or any {@code *.bioimageio.yaml}) at the top of the
 * zip, or in its only folder.
 *
 * @param rdf   the parsed description
 * @param files the other files by their path relative to the description
 */
public record ModelPackage(ModelRdf rdf, String rdfYaml, Map<String, byte[]> files) {

    /** Refused zips: more entries or more bytes than a model package needs. */
    public static final int MAX_ENTRIES = 1000;
    public static final long MAX_BYTES = 1024L * 1024 * 1024;

    /** The zip is not a package Labscale can read; the message says why. */
    public static final class PackageException extends Exception {
        public PackageException(String message) {
            super(message);
        }
    }

    /** A file the description names, or a {@link PackageException} naming the field that named it. */
    public byte[] file(String name, String field) throws PackageException {
        byte[] bytes = name == null ? null : files.get(name.startsWith("./") ? name.substring(2) : name);
        if (bytes == null) {
            throw new PackageException(name == null ? "rdf.yaml names no " + field
                    : "rdf.yaml names " + field + " '" + name + "', which the zip does not contain");
        }
        return bytes;
    }

    /** Reads a package zip, refusing zips with absolute or parent paths, too many entries or too many bytes. */
    public static ModelPackage read(InputStream zip) throws PackageException, IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory() || e.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../")) {
                    throw new PackageException("the zip holds an entry outside the package: '" + name + "'");
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new PackageException("the zip holds more than " + MAX_ENTRIES + " files");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new PackageException("the zip unpacks to more than " + MAX_BYTES / (1024 * 1024)
                                + " MiB");
                    }
                    out.write(buffer, 0, n);
                }
                entries.put(name, out.toByteArray());
            }
        } catch (java.util.zip.ZipException e) {
            throw new PackageException("not a zip file: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new PackageException("not a zip file, or an empty one");
        }
        String rdfName = entries.keySet().stream().filter(ModelPackage::isDescription)
                .min((a, b) -> Integer.compare(a.length(), b.length()))
                .orElseThrow(() -> new PackageException("the zip holds no rdf.yaml (nor bioimageio.yaml)"));
        String folder = rdfName.contains("/") ? rdfName.substring(0, rdfName.lastIndexOf('/') + 1) : "";
        Map<String, byte[]> files = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith(folder) && !name.equals(rdfName)) {
                files.put(name.substring(folder.length()), bytes);
            }
        });
        String yaml = new String(entries.get(rdfName), StandardCharsets.UTF_8);
        try {
            return new ModelPackage(RdfYaml.read(yaml), yaml, files);
        } catch (RdfYaml.RdfException e) {
            throw new PackageException(e.getMessage());
        }
    }

    public static ModelPackage read(byte[] zip) throws PackageException {
        try {
            return read(new ByteArrayInputStream(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDescription(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.equals("rdf.yaml") || file.equals("bioimageio.yaml") || file.endsWith(".bioimageio.yaml");
    }

    /** Writes the package as a zip: {@code rdf.yaml} first, then the files in order. */
    public byte[] toZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("rdf.yaml"));
            zip.write(rdfYaml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Lower-case hex SHA-256, as rdf.yaml records it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
