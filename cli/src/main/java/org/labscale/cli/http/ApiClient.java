package org.labscale.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.cli.CliException;
import org.labscale.cli.ExitCodes;
import org.labscale.shared.api.ErrorBody;
import org.labscale.shared.api.PageDto;

/**
 * The Labscale REST API over {@link HttpClient}, with the token of the signed-in user. Every failure becomes a
 * {@link CliException} with the API's own sentence: a 4xx exits 1 ({@code message} of the
 * {@code {code, message, details}} body), an unreachable platform or a 5xx exits 3.
 */
public final class ApiClient {

    /** The largest page the API serves. */
    public static final int PAGE_SIZE = 200;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();
    private final String baseUrl;
    private final String token;

    private ApiClient(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A client for {@code baseUrl} (see {@link #normaliseUrl}); {@code token} may be null for public endpoints. */
    public static ApiClient create(String baseUrl, String token) {
        // HTTP/1.1: no h2c upgrade attempt on plain http, which some proxies and stub servers mishandle.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new ApiClient(http, normaliseUrl(baseUrl), token);
    }

    /** The same platform with another token. */
    public ApiClient withToken(String otherToken) {
        return new ApiClient(http, baseUrl, otherToken);
    }

    /**
     * {@code http(s)://host[:port][/prefix]} without a trailing slash or {@code /api/v1}; a usage error (exit 2)
     * for anything else.
     */
    public static String normaliseUrl(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/api/v1")) {
            u = u.substring(0, u.length() - "/api/v1".length());
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw CliException.usage("'" + url + "' is not an http(s) URL such as http://127.0.0.1:8180.");
        }
        return u;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ObjectMapper json() {
        return json;
    }

    // ---- JSON requests -------------------------------------------------------------------------------------

    public <T> T get(String path, Class<T> type) {
        return this.<T>send("GET", path, null, Map.of(), json.constructType(type)).body();
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return this.<T>send("POST", path, body, Map.of(), json.constructType(type)).body();
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return this.<T>send("PUT", path, body, Map.of(), json.constructType(type)).body();
    }

    /** DELETE; the answer (204) has no body. */
    public void delete(String path) {
        send("DELETE", path, null, Map.of(), null);
    }

    /** POST without an answer body worth reading (e.g. 204). */
    public void post(String path, Object body) {
        send("POST", path, body, Map.of(), null);
    }

    /**
     * Sends a JSON request and reads the JSON answer as {@code type} (null: ignored).
     *
     * @param path    path and query under the base URL, starting with {@code /api/v1}
     * @param body    serialised as JSON; null sends no body
     * @param headers extra request headers
     */
    public <T> Answer<T> send(String method, String path, Object body, Map<String, String> headers, JavaType type) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(method, BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response = exchange(request.build());
        return new Answer<>(response.statusCode(), read(response, type));
    }

    /**
     * Every item of a paged list ({@code {items, page, size, total}}), page by page, up to {@code limit}.
     *
     * @param path  the list's path with its own query, if any
     * @param limit at most this many items; {@link Integer#MAX_VALUE} for all
     */
    public <T> Listing<T> list(String path, Class<T> itemType, int limit) {
        JavaType pageType = json.getTypeFactory().constructParametricType(PageDto.class, itemType);
        List<T> items = new ArrayList<>();
        long total = 0;
        int size = Math.max(1, Math.min(PAGE_SIZE, limit)); // one size for every page: pages are offsets of it
        for (int page = 0; items.size() < limit; page++) {
            String sep = path.contains("?") ? "&" : "?";
            PageDto<T> p = this.<PageDto<T>>send("GET", path + sep + "page=" + page + "&size=" + size, null, Map.of(),
                    pageType).body();
            total = p.total();
            items.addAll(p.items());
            if (p.items().isEmpty() || items.size() >= total) {
                break;
            }
        }
        return new Listing<>(items.size() > limit ? items.subList(0, limit) : items, total);
    }

    /** The items of a list and how many exist in all (more than {@code items.size()} when a limit cut it). */
    public record Listing<T>(List<T> items, long total) {
        public boolean truncated() {
            return total > items.size();
        }
    }

    /** An answer's status and body. */
    public record Answer<T>(int status, T body) {
    }

    // ---- Streams ---------------------------------------------------------------------------------------------

    /** A multipart upload, streamed from disk (see {@link MultipartBody}). */
    public <T> T postMultipart(String path, MultipartBody body, Class<T> type) {
        HttpRequest request = request(path).timeout(Duration.ofHours(6)).header("Accept", "application/json")
                .header("Content-Type", body.contentType()).POST(body.publisher()).build();
        return read(exchange(request), json.constructType(type));
    }

    /** POSTs a file as the raw body (e.g. a zip), streamed from disk; reads the JSON answer as {@code type}. */
    public <T> T postFile(String path, java.nio.file.Path file, String contentType, Class<T> type) {
        BodyPublisher body;
        try {
            body = BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw CliException.usage("No such file: " + file);
        }
        HttpRequest request = request(path).timeout(Duration.ofHours(1)).header("Accept", "application/json")
                .header("Content-Type", contentType).POST(body).build();
        return read(exchange(request), json.constructType(type));
    }

    /**
     * PUTs {@code body} to a presigned object-store URL (no Authorization header: the URL is the credential).
     * A refusal by the store exits 1 with its status; the store's XML error is included, shortened.
     */
    public void putPresigned(String url, BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofHours(6))
                .header("Content-Type", "application/octet-stream").PUT(body).build();
        HttpResponse<InputStream> response = exchange(request);
        String text = drain(response);
        if (response.statusCode() / 100 != 2) {
            String why = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            throw new CliException(response.statusCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED,
                    "The object store refused the upload (HTTP " + response.statusCode() + "): " + why.strip());
        }
    }

    /**
     * Streams a GET answer into {@code out} and returns what was learned on the way. A redirect (the API's 307 to a
     * presigned object-store URL) is followed once, without the token.
     *
     * @return the file name from {@code Content-Disposition} (if any), the byte count and the SHA-256
     */
    public Download download(String path, OutputStream out) {
        HttpRequest request = request(path).timeout(Duration.ofHours(6)).GET().build();
        HttpResponse<InputStream> response = exchange(request);
        Optional<String> location = response.headers().firstValue("Location");
        if ((response.statusCode() == 302 || response.statusCode() == 303 || response.statusCode() == 307)
                && location.isPresent()) {
            // A presigned object-store URL: the URL is the credential, so the bearer token must not go with it.
            drain(response);
            response = exchange(HttpRequest.newBuilder(URI.create(baseUrl).resolve(location.get()))
                    .timeout(Duration.ofHours(6)).GET().build());
            if (response.statusCode() / 100 != 2) {
                String text = drain(response);
                throw new CliException(response.statusCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED,
                        "The object store refused the download (HTTP " + response.statusCode() + "): "
                                + abbreviate(text).strip());
            }
        }
        if (response.statusCode() / 100 != 2) {
            read(response, null); // throws with the API's message
        }
        MessageDigest digest = HashingBodyPublisher.newDigest();
        long bytes;
        try (InputStream in = response.body()) {
            bytes = in.transferTo(new DigestOutputStream(out, digest));
            out.flush();
        } catch (IOException e) {
            throw CliException.unavailable("The download from " + baseUrl + path + " broke off: " + e.getMessage(), e);
        }
        return new Download(fileName(response.headers().firstValue("Content-Disposition")), bytes,
                HexFormat.of().formatHex(digest.digest()));
    }

    /** What a download delivered. */
    public record Download(Optional<String> fileName, long bytes, String sha256) {
    }

    /**
     * Reads server-sent events from {@code path}, handing each event's {@code data} to {@code onData} until the
     * server ends the stream or {@code onData} answers false. Comments and other fields are ignored.
     */
    public void events(String path, Predicate<String> onData) {
        // No request timeout: the stream lasts as long as the job runs. The connect timeout still applies.
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            read(response, null);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        String event = data.toString();
                        data.setLength(0);
                        if (!onData.test(event)) {
                            return;
                        }
                    }
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
                }
            }
            if (!data.isEmpty()) {
                onData.test(data.toString());
            }
        } catch (IOException e) {
            throw CliException.unavailable("The event stream from " + baseUrl + " broke off: " + e.getMessage(), e);
        }
    }

    // ---- Plumbing --------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) {
        String where = request.uri().getScheme() + "://" + request.uri().getAuthority();
        try {
            return http.send(request, BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw CliException.unavailable("Labscale at " + where + " did not answer in time (" + e.getMessage() + ").",
                    e);
        } catch (ConnectException e) {
            throw CliException.unavailable("Cannot reach Labscale at " + where + ": connection refused or no route.", e);
        } catch (IOException e) {
            throw CliException.unavailable("Cannot reach Labscale at " + where + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unavailable("Interrupted while waiting for " + where + ".", e);
        }
    }

    private <T> T read(HttpResponse<InputStream> response, JavaType type) {
        int status = response.statusCode();
        String text = drain(response);
        if (status / 100 == 2) {
            if (type == null || text.isBlank()) {
                return null;
            }
            try {
                return json.readValue(text, type);
            } catch (JsonProcessingException e) {
                throw CliException.unavailable("Labscale answered " + request(response) + " with JSON this client "
                        + "cannot read as " + type.getRawClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        }
        ErrorBody error = errorBody(text);
        String message = error != null && error.message() != null ? error.message()
                : "HTTP " + status + (text.isBlank() ? "" : ": " + abbreviate(text));
        String code = error != null && error.code() != null ? " [" + error.code() + "]" : "";
        if (status >= 500) {
            throw new CliException(ExitCodes.UNAVAILABLE, "Labscale failed on " + request(response) + " (HTTP " + status
                    + "): " + message + code);
        }
        if (status == 401) {
            throw CliException.refused(message + code + " Run 'labscale-cli login' to sign in again.");
        }
        if (status / 100 == 4) {
            throw CliException.refused(message + code);
        }
        throw CliException.unavailable("Labscale answered " + request(response) + " with HTTP " + status + ".", null);
    }

    private static String request(HttpResponse<?> response) {
        return response.request().method() + " " + response.uri().getPath();
    }

    private ErrorBody errorBody(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, ErrorBody.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.unavailable("Reading the answer of " + request(response) + " failed: " + describe(e), e);
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("serialising " + body.getClass().getSimpleName() + " failed", e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    /** A file name from {@code Content-Disposition}, preferring the exact UTF-8 {@code filename*} (RFC 6266). */
    static Optional<String> fileName(Optional<String> disposition) {
        if (disposition.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : disposition.get().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                }
                params.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        String star = params.get("filename*");
        if (star != null && star.toUpperCase(Locale.ROOT).startsWith("UTF-8''")) {
            return Optional.of(URLDecoder.decode(star.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(params.get("filename"));
    }

    /** A query parameter value, encoded. */
    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
