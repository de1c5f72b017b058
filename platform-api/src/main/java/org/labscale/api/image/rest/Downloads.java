package org.labscale.api.image.rest;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.labscale.api.storage.ObjectStore;

/** Streams S3 objects through the API without holding them in memory. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * The object as the response body; the stream is closed by the server after writing.
     *
     * @param fileName non-null: sent as an attachment with that name
     */
    public static Response.ResponseBuilder stream(ObjectStore store, String key, String contentType, String fileName) {
        long size = store.size(key);
        if (size < 0) {
            // The row exists but its object is gone: our fault, not the caller's.
            throw new IllegalStateException("object " + key + " is missing from storage");
        }
        InputStream in = store.open(key);
        Response.ResponseBuilder response = Response.ok(in, contentType).header(HttpHeaders.CONTENT_LENGTH, size);
        if (fileName != null) {
            response.header("Content-Disposition", attachment(fileName));
        }
        return response;
    }

    /** {@code attachment} with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
    public static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** {@code name} with {@code extension} appended unless it already ends with it (case-insensitive). */
    public static String withExtension(String name, String... extensions) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String e : extensions) {
            if (lower.endsWith(e)) {
                return name;
            }
        }
        return name + extensions[0];
    }
}
