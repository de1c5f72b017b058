package org.labscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.labscale.cli.http.Json;
import org.labscale.shared.api.ErrorBody;

/**
 * A stand-in for the Labscale API on a free local port: routes by method and path answer canned JSON (or run a
 * handler), and every request is recorded, so tests check what the CLI sent as well as what it did with the answer.
 */
final class StubApi implements AutoCloseable {

    /** One request as the stub received it. */
    record Request(String method, String path, String query, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    /** Answers a request; {@code body} is null when the route streams it itself ({@link #onStream}). */
    interface Handler {
        void handle(Request request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new LinkedHashMap<>();
    private final Map<String, Boolean> streaming = new LinkedHashMap<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    StubApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::dispatch);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code status} with {@code body} serialised as JSON. */
    StubApi on(String method, String path, int status, Object body) {
        return on(method, path, (r, ex) -> send(ex, status, body));
    }

    StubApi on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** A route that reads the request body itself (the recorded body is empty). */
    StubApi onStream(String method, String path, Handler handler) {
        streaming.put(method + " " + path, true);
        return on(method, path, handler);
    }

    List<Request> requests(String method, String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        }
    }

    Request only(String method, String path) {
        List<Request> found = requests(method, path);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got " + found.size() + " of " + requests);
        }
        return found.get(0);
    }

    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body instanceof byte[] b ? b : json(body);
        if (body != null && !(body instanceof byte[])) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static byte[] json(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ErrorBody error(String code, String message) {
        return new ErrorBody(code, message, Map.of());
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try {
            String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            Handler handler = routes.get(key);
            byte[] body;
            if (Boolean.TRUE.equals(streaming.get(key))) {
                body = new byte[0];
            } else {
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readAllBytes();
                }
            }
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            requests.add(request);
            if (handler == null) {
                send(ex, 404, error("not-found", "The stub has no route " + key + "."));
            } else {
                handler.handle(request, ex);
            }
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            throw e;
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
