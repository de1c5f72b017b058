package org.labscale.api.common;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * A {@code multipart/form-data} request body (RFC 7578) read once, front to back, as it arrives: the file part (or up
 * to {@code maxFiles} file parts of the same name, in order) is copied straight to a temp file, the expected text fields are kept as strings, every other part is skipped. Memory
 * stays at one read buffer whatever the size of the body, and reading from a blocking stream is what slows the
 * client down (backpressure) when the disk is slower than the network.
 *
 * <p>The boundary search, the hard part, is Commons FileUpload's {@link MultipartInput} (the Tomcat-proven
 * {@code MultipartStream}): it finds a boundary split across reads and tells a CRLF inside the data from the one
 * before a boundary. This class only decides what to do with each part, and turns every way a body can be wrong into
 * a 4xx with a code:
 * <ul>
 *   <li>400 {@value #MALFORMED}: no boundary in the Content-Type, no boundary in the body, a body that ends before
 *       the closing boundary, over-long part headers, or more file parts than allowed;</li>
 *   <li>413 {@value #FIELD_TOO_LARGE}: a text field over {@value #MAX_FIELD_BYTES} bytes.</li>
 * </ul>
 * Bytes of the file part beyond {@code fileLimit} are counted but not written, so that a chunked body without a
 * Content-Length cannot fill the disk and the caller can still name the exact size in its 413.
 *
 * <p>Close it to delete the temp files; a failed {@link #read} leaves none behind.
 */
public final class MultipartUpload implements AutoCloseable {

    /** The code of a body that is not well-formed multipart. */
    public static final String MALFORMED = "request.malformed-multipart";
    /** The code of an over-long text field. */
    public static final String FIELD_TOO_LARGE = "upload.field-too-large";
    /** The most bytes a text field may have. */
    public static final int MAX_FIELD_BYTES = 64 * 1024;

    static final int MAX_PART_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * One file part.
     *
     * @param file the bytes on disk (at most {@code fileLimit} of them)
     * @param name the file name the client gave, or null
     * @param size the part's exact size, also when it was over {@code fileLimit}
     */
    public record FilePart(Path file, String name, long size) {
    }

    private final Map<String, List<String>> fields;
    private final List<FilePart> files;

    private MultipartUpload(Map<String, List<String>> fields, List<FilePart> files) {
        this.fields = fields;
        this.files = files;
    }

    /**
     * Reads {@code body} to its end.
     *
     * @param contentType the request's Content-Type, with the boundary
     * @param body        the request body; read, not closed
     * @param fileField   the name of the file part; any part of that name is the file, with or without a file name
     * @param textFields  the names of the text fields to keep; repeated fields keep every value in order
     * @param fileLimit   the most bytes of the file written to disk; the rest is counted only
     */
    public static MultipartUpload read(String contentType, InputStream body, String fileField, Set<String> textFields,
                                       long fileLimit) {
        return read(contentType, body, fileField, textFields, fileLimit, 1, null);
    }

    /** As above, accepting up to {@code maxFiles} parts named {@code fileField}, each limited to {@code fileLimit}. */
    public static MultipartUpload read(String contentType, InputStream body, String fileField, Set<String> textFields,
                                       long fileLimit, int maxFiles) {
        return read(contentType, body, fileField, textFields, fileLimit, maxFiles, null);
    }

    /** As above, with the temp files in {@code tempDir} (null: the JVM's temp directory). */
    static MultipartUpload read(String contentType, InputStream body, String fileField, Set<String> textFields,
                                long fileLimit, int maxFiles, Path tempDir) {
        byte[] boundary = boundary(contentType);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        boolean done = false;
        try {
            MultipartInput input = MultipartInput.builder().setInputStream(new BodyStream(body)).setBoundary(boundary)
                    .setBufferSize(BUFFER_BYTES).setPartHeaderSizeMax(MAX_PART_HEADER_BYTES).get();
            input.setHeaderCharset(StandardCharsets.UTF_8);
            if (!input.skipPreamble()) {
                throw malformed("The body has no part: the boundary from the Content-Type never occurs in it.");
            }
            boolean more = true;
            while (more) {
                Disposition part = Disposition.of(input.readHeaders());
                if (fileField.equals(part.name())) {
                    if (files.size() == maxFiles) {
                        throw malformed(maxFiles == 1 ? "The body has more than one part named '" + fileField
                                + "'; send one file." : "The body has more than " + maxFiles + " parts named '"
                                + fileField + "'.");
                    }
                    ControlCharacters.check(part.fileName(), "file name");
                    Path file = tempDir == null ? Files.createTempFile("labscale-upload-", ".part")
                            : Files.createTempFile(tempDir, "labscale-upload-", ".part");
                    files.add(new FilePart(file, part.fileName(), 0)); // listed first: a failed copy deletes it
                    files.set(files.size() - 1, new FilePart(file, part.fileName(), copy(input, file, fileLimit)));
                } else if (part.name() != null && textFields.contains(part.name())) {
                    fields.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(text(input, part.name()));
                } else {
                    input.discardBodyData();
                }
                more = input.readBoundary();
            }
            done = true;
            return new MultipartUpload(fields, List.copyOf(files));
        } catch (BodyException e) {
            throw malformed("The request body could not be read to its end: " + e.getCause().getMessage());
        } catch (FileUploadException e) {
            // MultipartInput turns some read failures into "malformed"; they are the client's as well.
            if (e.getCause() instanceof BodyException failed) {
                throw malformed("The request body could not be read to its end: " + failed.getCause().getMessage());
            }
            throw malformed("The multipart body is malformed: " + e.getMessage()
                    + " (a body must end with the closing boundary '--' + boundary + '--').");
        } catch (IOException e) {
            throw new UncheckedIOException("writing an upload to a temp file failed", e);
        } finally {
            if (!done) {
                files.forEach(f -> delete(f.file()));
            }
        }
    }

    /** The (first) file part's bytes on disk (at most {@code fileLimit} of them), or null without a file part. */
    public Path file() {
        return files.isEmpty() ? null : files.get(0).file();
    }

    /** The (first) file name the client gave, or null. */
    public String fileName() {
        return files.isEmpty() ? null : files.get(0).name();
    }

    /** The (first) file part's exact size, also when it was over {@code fileLimit}. */
    public long fileSize() {
        return files.isEmpty() ? 0 : files.get(0).size();
    }

    /** Every file part, in the body's order. */
    public List<FilePart> files() {
        return files;
    }

    /** The first value of a text field, or null. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every value of a text field, in order; empty when none. */
    public List<String> fields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** Deletes the temp files. */
    @Override
    public void close() {
        files.forEach(f -> delete(f.file()));
    }

    static byte[] boundary(String contentType) {
        Map<String, String> params = contentType == null ? Map.of() : parameters(contentType, ';');
        String boundary = params.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw malformed("The Content-Type must be multipart/form-data with a boundary parameter, not '"
                    + contentType + "'.");
        }
        if (boundary.length() > 70) {
            throw malformed("The multipart boundary must be at most 70 characters (RFC 2046), not "
                    + boundary.length() + ".");
        }
        return boundary.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Copies the part's data to {@code file}, writing at most {@code limit} bytes; answers the data's size. */
    private static long copy(MultipartInput input, Path file, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        try (InputStream data = input.newInputStream(); OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = data.read(buffer)) != -1) {
                if (size < limit) {
                    out.write(buffer, 0, (int) Math.min(n, limit - size));
                }
                size += n;
            }
        }
        return size;
    }

    private static String text(MultipartInput input, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream data = input.newInputStream()) {
            int n;
            while ((n = data.read(buffer)) != -1) {
                if (out.size() + n > MAX_FIELD_BYTES) {
                    throw new ApiException(413, FIELD_TOO_LARGE, "The form field '" + name + "' is longer than "
                            + MAX_FIELD_BYTES + " bytes.", Map.of("field", name, "maxBytes", MAX_FIELD_BYTES));
                }
                out.write(buffer, 0, n);
            }
        }
        return ControlCharacters.check(out.toString(StandardCharsets.UTF_8), name);
    }

    private static Map<String, String> parameters(String value, char separator) {
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        return parser.parse(value, separator);
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest(MALFORMED, message);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the upload's temp file " + file + " failed", e);
        }
    }

    /** A failure to read the request body (the client went away, a read timeout), as opposed to one to write. */
    private static final class BodyException extends IOException {
        BodyException(IOException cause) {
            super(cause);
        }
    }

    /** The request body, telling its read failures (the caller's) from those of the temp file (ours). */
    private static final class BodyStream extends FilterInputStream {
        BodyStream(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new BodyException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new BodyException(e);
            }
        }
    }

    /** The name and file name of a part, from its Content-Disposition header; both may be null. */
    record Disposition(String name, String fileName) {

        static Disposition of(String headers) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                        .equals("content-disposition")) {
                    Map<String, String> params = parameters(line.substring(colon + 1), ';');
                    return new Disposition(params.get("name"), params.get("filename"));
                }
            }
            return new Disposition(null, null);
        }
    }
}
