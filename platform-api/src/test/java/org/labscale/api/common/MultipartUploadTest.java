package org.labscale.api.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming multipart parser on tiny hand-built bodies. */
class MultipartUploadTest {

    static final String BOUNDARY = "XyZ-42";
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    static final Set<String> FIELDS = Set.of("name", "channelNames");
    /**
     * Data that looks like a delimiter (CRLF, "--", boundary) without being one, and line ends of every kind. A real
     * delimiter cannot occur in data (RFC 2046); the boundary itself can, without the CRLF and dashes before it.
     */
    static final byte[] TRICKY = bytes("\r\n--XyZ-4\r\n-XyZ-42\r\r\n\n-\r\n--\r\n\r\nx--XyZ-42\n--XyZ-42\r");

    @TempDir
    Path tmp;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A body of {@code parts}, each "headers CRLF CRLF data", between boundaries, closed unless told otherwise. */
    static byte[] body(boolean closed, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(bytes("--" + BOUNDARY + "\r\n"));
            out.writeBytes(part);
            out.writeBytes(bytes("\r\n"));
        }
        if (closed) {
            out.writeBytes(bytes("--" + BOUNDARY + "--\r\n"));
        }
        return out.toByteArray();
    }

    static byte[] field(String name, String value) {
        return bytes("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value);
    }

    static byte[] file(String name, String fileName, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, as a network would. */
    static InputStream chunked(byte[] body, int chunk) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    MultipartUpload read(InputStream in, long fileLimit) {
        return MultipartUpload.read(TYPE, in, "file", FIELDS, fileLimit, 1, tmp);
    }

    MultipartUpload read(byte[] body) {
        return read(new ByteArrayInputStream(body), Long.MAX_VALUE);
    }

    ApiException refused(byte[] body) {
        return assertThrows(ApiException.class, () -> read(body));
    }

    List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    @Test
    void shouldReadFieldsAndStreamTheFileToDisk() throws IOException {
        byte[] body = body(true, field("name", "Nuclei – día 1"), file("file", "cells.tif", TRICKY),
                field("channelNames", "DAPI"), field("channelNames", "GFP,RFP"), field("other", "ignored"));
        try (MultipartUpload form = read(body)) {
            assertEquals("Nuclei – día 1", form.field("name"));
            assertEquals(List.of("DAPI", "GFP,RFP"), form.fields("channelNames"));
            assertNull(form.field("other"));
            assertEquals(List.of(), form.fields("pageMode"));
            assertEquals("cells.tif", form.fileName());
            assertEquals(TRICKY.length, form.fileSize());
            assertArrayEquals(TRICKY, Files.readAllBytes(form.file()));
            assertEquals(List.of(form.file()), tempFiles());
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void shouldKeepSeveralFilePartsInOrderUpToTheLimitAndDeleteThemAll() throws IOException {
        byte[] body = body(true, file("file", "phase.tif", bytes("PHASE")), field("channelNames", "phase"),
                file("file", "dapi.tif", TRICKY));
        try (MultipartUpload form = MultipartUpload.read(TYPE, new ByteArrayInputStream(body), "file", FIELDS,
                Long.MAX_VALUE, 2, tmp)) {
            assertEquals(List.of("phase.tif", "dapi.tif"), form.files().stream().map(MultipartUpload.FilePart::name)
                    .toList());
            assertArrayEquals(bytes("PHASE"), Files.readAllBytes(form.files().get(0).file()));
            assertArrayEquals(TRICKY, Files.readAllBytes(form.files().get(1).file()));
            assertEquals(TRICKY.length, form.files().get(1).size());
            assertEquals("phase.tif", form.fileName(), "the first file answers the one-file accessors");
            assertEquals(2, tempFiles().size());
        }
        assertEquals(List.of(), tempFiles());
        ApiException e = assertThrows(ApiException.class, () -> MultipartUpload.read(TYPE,
                new ByteArrayInputStream(body), "file", FIELDS, Long.MAX_VALUE, 1, tmp));
        assertEquals(MultipartUpload.MALFORMED, e.code());
        assertEquals(List.of(), tempFiles(), "the first file's temp file is gone too");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 11, 64})
    void shouldFindBoundariesSplitAcrossReads(int chunk) throws IOException {
        byte[] data = new byte[70_000]; // beyond one read buffer
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        System.arraycopy(TRICKY, 0, data, 65_530, TRICKY.length); // across the parser's buffer refill
        byte[] body = body(true, field("name", "a\r\nb"), file("file", "x.tif", data), field("channelNames", "C1"));
        try (MultipartUpload form = read(chunked(body, chunk), Long.MAX_VALUE)) {
            assertEquals("a\r\nb", form.field("name"));
            assertEquals(List.of("C1"), form.fields("channelNames"));
            assertArrayEquals(data, Files.readAllBytes(form.file()));
        }
    }

    @Test
    void shouldKeepAFileThatEndsInLineBreaksOrIsEmpty() throws IOException {
        try (MultipartUpload form = read(body(true, file("file", "crlf.bin", bytes("\r\n\r\n"))))) {
            assertArrayEquals(bytes("\r\n\r\n"), Files.readAllBytes(form.file()));
        }
        try (MultipartUpload form = read(body(true, file("file", "empty.bin", new byte[0])))) {
            assertEquals(0, form.fileSize());
            assertEquals(0, Files.size(form.file()));
        }
    }

    @Test
    void shouldIgnoreThePreambleAndTheEpilogue() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("This is a preamble.\r\n"));
        out.writeBytes(body(true, file("file", "a.png", bytes("PNG"))));
        out.writeBytes(bytes("and an epilogue --" + BOUNDARY + "\r\n"));
        try (MultipartUpload form = read(out.toByteArray())) {
            assertArrayEquals(bytes("PNG"), Files.readAllBytes(form.file()));
        }
    }

    @Test
    void shouldAcceptAQuotedBoundaryAndAPartWithoutFileName() throws IOException {
        byte[] body = body(true, field("file", "plain text"));
        try (MultipartUpload form = MultipartUpload.read("Multipart/Form-Data; charset=UTF-8; boundary=\"" + BOUNDARY
                + "\"", new ByteArrayInputStream(body), "file", FIELDS, 100, 1, tmp)) {
            assertNull(form.fileName());
            assertArrayEquals(bytes("plain text"), Files.readAllBytes(form.file()));
        }
    }

    @Test
    void shouldAnswerNoFileWhenThereIsNoFilePart() throws IOException {
        try (MultipartUpload form = read(body(true, field("name", "x")))) {
            assertNull(form.file());
            assertEquals("x", form.field("name"));
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void shouldCountButNotWriteBytesBeyondTheLimit() throws IOException {
        byte[] data = bytes("0123456789");
        try (MultipartUpload form = read(new ByteArrayInputStream(body(true, file("file", "a", data))), 4)) {
            assertEquals(10, form.fileSize());
            assertArrayEquals(bytes("0123"), Files.readAllBytes(form.file()));
        }
    }

    @Test
    void shouldRefuseABodyWithoutTheClosingBoundary() throws IOException {
        byte[] whole = body(true, field("name", "x"), file("file", "a.tif", TRICKY));
        // cut inside the file data, after the last part's CRLF, and inside the closing boundary
        for (byte[] cut : List.of(Arrays.copyOf(whole, whole.length - 20), body(false, file("file", "a", TRICKY)),
                Arrays.copyOf(whole, whole.length - 6))) {
            ApiException e = refused(cut);
            assertEquals(400, e.status());
            assertEquals(MultipartUpload.MALFORMED, e.code());
            assertEquals(List.of(), tempFiles(), "the temp file is deleted");
        }
    }

    @Test
    void shouldRefuseABodyWithoutAnyBoundary() {
        assertEquals(MultipartUpload.MALFORMED, refused(bytes("just some text")).code());
        assertEquals(MultipartUpload.MALFORMED, refused(new byte[0]).code());
    }

    @Test
    void shouldRefuseAContentTypeWithoutBoundary() {
        for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=", null}) {
            ApiException e = assertThrows(ApiException.class, () -> MultipartUpload.read(type,
                    new ByteArrayInputStream(body(true, field("name", "x"))), "file", FIELDS, 100, 1, tmp));
            assertEquals(400, e.status());
            assertEquals(MultipartUpload.MALFORMED, e.code());
        }
    }

    @Test
    void shouldRefuseTwoFileParts() throws IOException {
        ApiException e = refused(body(true, file("file", "a", bytes("A")), file("file", "b", bytes("B"))));
        assertEquals(MultipartUpload.MALFORMED, e.code());
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void shouldRefuseATextFieldOverTheCapButSkipLongUnknownParts() throws IOException {
        String max = "n".repeat(MultipartUpload.MAX_FIELD_BYTES);
        try (MultipartUpload form = read(body(true, field("name", max), field("notes", max + max)))) {
            assertEquals(max, form.field("name"));
        }
        ApiException e = refused(body(true, file("file", "a", TRICKY), field("name", max + "n")));
        assertEquals(413, e.status());
        assertEquals(MultipartUpload.FIELD_TOO_LARGE, e.code());
        assertEquals("name", e.details().get("field"));
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void shouldRefuseOverlongPartHeaders() {
        byte[] part = bytes("Content-Disposition: form-data; name=\"name\"\r\nX-Padding: "
                + "p".repeat(MultipartUpload.MAX_PART_HEADER_BYTES) + "\r\n\r\nx");
        assertEquals(MultipartUpload.MALFORMED, refused(body(true, part)).code());
    }

    @Test
    void shouldTurnAFailedReadIntoA400() throws IOException {
        byte[] start = Arrays.copyOf(body(true, file("file", "a", TRICKY)), 90);
        InputStream broken = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at == start.length) {
                    throw new IOException("Connection reset");
                }
                return start[at++] & 0xFF;
            }
        };
        ApiException e = assertThrows(ApiException.class, () -> read(broken, Long.MAX_VALUE));
        assertEquals(400, e.status());
        assertEquals(MultipartUpload.MALFORMED, e.code());
        assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
        assertEquals(List.of(), tempFiles());
    }
}
