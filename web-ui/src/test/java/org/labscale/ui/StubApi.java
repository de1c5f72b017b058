package org.labscale.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A canned-answer HTTP server on a free loopback port, for testing our API client and the code above it.
 * It is no model of platform-api: each test says which answer a {@code "METHOD /path"} gets.
 */
public final class StubApi implements AutoCloseable {

    /** One request as the stub saw it. */
    public record Seen(String method, String pathAndQuery, String authorization, String contentType, String body,
                       String ifNoneMatch) {
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            seen.add(new Seen(exchange.getRequestMethod(), target,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    exchange.getRequestHeaders().getFirst("If-None-Match")));
            Answer a = answers.get(exchange.getRequestMethod() + " " + target);
            if (a == null) {
                a = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            }
            if (a == null) {
                a = new Answer(404, "application/json",
                        "{\"code\":\"stub.no-answer\",\"message\":\"The stub has no answer for " + target + ".\"}");
            }
            byte[] bytes = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
            if (a.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", a.contentType());
            }
            a.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code "METHOD /path"} (or {@code "METHOD /path?query"}) with this status and JSON body. */
    public StubApi on(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, json == null ? null : "application/json", json));
        return this;
    }

    /** Answers with a non-JSON body, e.g. a proxy's HTML error page. */
    public StubApi onRaw(String methodAndPath, int status, String contentType, String body) {
        answers.put(methodAndPath, new Answer(status, contentType, body));
        return this;
    }

    /** As {@link #onRaw(String, int, String, String)}, with these response headers too. */
    public StubApi onRaw(String methodAndPath, int status, String contentType, String body, Map<String, String> headers) {
        answers.put(methodAndPath, new Answer(status, contentType, body, Map.copyOf(headers)));
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A loopback URL on which nothing listens (a port that was just free). */
    public static URI deadUrl() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
