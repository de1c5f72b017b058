package org.labscale.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;

import org.labscale.api.common.Hashing;

/** Plain HTTP against presigned S3 URLs, as a worker or a browser uses them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {
    }

    /** PUTs {@code bytes} to a presigned URL; fails unless S3 answers 200. */
    public static void put(String url, byte[] bytes) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("PUT " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** GETs a presigned URL; fails unless S3 answers 200. */
    public static byte[] get(String url) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode());
        }
        return r.body();
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Hashing.sha256().digest(bytes));
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
