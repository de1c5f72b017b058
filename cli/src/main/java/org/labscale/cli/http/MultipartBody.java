package org.labscale.cli.http;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body whose file part is streamed from disk ({@link BodyPublishers#ofFile}) between
 * small text parts: the file is never held in memory, and because every part's length is known the request carries
 * a {@code Content-Length} (the API refuses an over-size upload from it before a byte of the file is sent).
 */
public final class MultipartBody {

    private final String boundary = "labscale-" + UUID.randomUUID();
    private final List<BodyPublisher> parts = new ArrayList<>();
    private final List<HashingBodyPublisher> files = new ArrayList<>();

    /** A text field; repeated names are repeated parts. Null values are left out. */
    public MultipartBody field(String name, String value) {
        if (value != null) {
            parts.add(BodyPublishers.ofString(head(name, null, "text/plain; charset=UTF-8") + value + "\r\n",
                    StandardCharsets.UTF_8));
        }
        return this;
    }

    /**
     * A file part, streamed; its SHA-256 is computed on the way ({@link #fileSha256()}). Repeated calls add parts
     * (e.g. one file per channel of one image).
     */
    public MultipartBody file(String name, Path path, String contentType) throws FileNotFoundException {
        HashingBodyPublisher file = new HashingBodyPublisher(BodyPublishers.ofFile(path));
        files.add(file);
        parts.add(BodyPublishers.ofString(head(name, path.getFileName().toString(), contentType),
                StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(BodyPublishers.ofString("\r\n", StandardCharsets.UTF_8));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    /** SHA-256 of the file part as sent, or null before it was sent or when the body has several file parts. */
    public String fileSha256() {
        return files.size() != 1 ? null : files.get(0).sha256();
    }

    private String head(String name, String fileName, String contentType) {
        StringBuilder b = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quote(name)).append('"');
        if (fileName != null) {
            b.append("; filename=\"").append(quote(fileName)).append('"');
        }
        return b.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n").toString();
    }

    /** Quotes for a header parameter; CR and LF would end the header, so they become spaces. */
    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace('\r', ' ').replace('\n', ' ');
    }
}
