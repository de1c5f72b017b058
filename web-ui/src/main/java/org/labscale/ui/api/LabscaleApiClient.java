package org.labscale.ui.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.labscale.shared.account.LoginRequest;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.api.ErrorBody;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;

/**
 * Blocking client of the platform API ({@code /api/v1}). The web UI talks to the API over HTTP only.
 *
 * <p>It is built on the JDK's {@link HttpClient} and blocks the calling thread: Vaadin handles each request on a
 * servlet worker thread while holding the session lock, so a plain blocking call is the simplest correct choice
 * (no Vert.x event loop or request-context propagation involved). One instance is thread-safe and is shared by
 * all sessions; the bearer token is passed per call and never stored here.
 *
 * <p>Every failure becomes an {@link ApiException} whose message can be shown to a person: the API's own
 * {@code message} for an error answer ({@link ErrorBody}), or "The Labscale API at URL is not reachable" when no
 * answer came.
 *
 * <p>Bodies are the API's own records from {@code shared-models}, so the UI and the API cannot drift apart on the
 * JSON shape. Unknown fields are ignored and an unknown enum value reads as null, so a newer API does not break an
 * older UI.
 */
public class LabscaleApiClient {

    private static final String JSON = "application/json";

    private final URI baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json;

    /**
     * @param baseUrl        the API's root, e.g. {@code http://127.0.0.1:8180} (a path prefix is allowed)
     * @param connectTimeout how long to wait for a TCP connection
     * @param requestTimeout how long to wait for a whole answer
     */
    public LabscaleApiClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("labscale.api.url must be an http(s) URL, got: " + baseUrl);
        }
        String s = baseUrl.toString();
        this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    /** The API root this client talks to, for messages. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@code POST /api/v1/auth/login}; a wrong password is an {@link ApiErrorException} with code
     * {@code auth.invalid-credentials}. {@code clientAddress} (the browser's, or null) is forwarded in
     * {@code X-Forwarded-For}, so that the API's sign-in throttle counts each browser, not the UI.
     */
    public LoginResponse login(String email, String password, String clientAddress) {
        HttpRequest.Builder b = request("/api/v1/auth/login", null);
        if (clientAddress != null && !clientAddress.isBlank()) {
            b.header("X-Forwarded-For", clientAddress);
        }
        return send(b.header("Content-Type", JSON).POST(jsonBody(new LoginRequest(email, password))).build(),
                type(LoginResponse.class));
    }

    /** {@code POST /api/v1/auth/logout}: revokes the token. */
    public void logout(String token) {
        send(post("/api/v1/auth/logout", token, null), null);
    }

    /** {@code GET /api/v1/me}. */
    public MeDto me(String token) {
        return send(get("/api/v1/me", token), type(MeDto.class));
    }

    /** {@code GET /api/v1/labs?page=&size=}: the labs the caller belongs to (the API allows sizes 1 to 200). */
    public PageDto<LabDto> labs(String token, int page, int size) {
        return send(get("/api/v1/labs?page=" + page + "&size=" + size, token), pageOf(LabDto.class));
    }

    /** {@code POST /api/v1/labs} (201): the caller becomes the new lab's owner; a null slug is derived from the name. */
    public LabDto createLab(String token, LabRequest lab) {
        return send(post("/api/v1/labs", token, lab), type(LabDto.class));
    }

    /** {@code GET /api/v1/labs/{labId}/projects?page=&size=}. */
    public PageDto<ProjectDto> projects(String token, UUID labId, int page, int size) {
        return send(get("/api/v1/labs/" + labId + "/projects?page=" + page + "&size=" + size, token),
                pageOf(ProjectDto.class));
    }

    /** {@code POST /api/v1/labs/{labId}/projects} (201); viewers get an {@link ApiErrorException} with code {@code auth.forbidden}. */
    public ProjectDto createProject(String token, UUID labId, ProjectRequest project) {
        return send(post("/api/v1/labs/" + labId + "/projects", token, project), type(ProjectDto.class));
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest post(String path, String token, Object body) {
        HttpRequest.Builder b = request(path, token);
        if (body == null) {
            return b.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", JSON).POST(jsonBody(body)).build();
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", JSON);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> T send(HttpRequest request, JavaType answerType) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ApiUnreachableException(baseUrl, "no answer within " + requestTimeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new ApiUnreachableException(baseUrl, null, e);
        } catch (IOException e) {
            throw new ApiUnreachableException(baseUrl, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException(baseUrl, "interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw errorFrom(request, status, response.body());
        }
        if (answerType == null) {
            return null;
        }
        try {
            return json.readValue(response.body(), answerType);
        } catch (IOException e) {
            throw new ApiErrorException(status, "client.bad-response",
                    "The Labscale API at " + baseUrl + " sent an answer this UI cannot read ("
                            + request.method() + " " + request.uri().getPath() + ").", null);
        }
    }

    private ApiErrorException errorFrom(HttpRequest request, int status, byte[] body) {
        try {
            ErrorBody error = json.readValue(body, ErrorBody.class);
            if (error != null && error.code() != null && error.message() != null && !error.message().isBlank()) {
                return new ApiErrorException(status, error.code(), error.message(), error.details());
            }
        } catch (IOException notTheApisErrorBody) {
            // e.g. an HTML page from a proxy, or an empty body: fall through to a generic sentence
        }
        String snippet = new String(body, StandardCharsets.UTF_8).strip();
        return new ApiErrorException(status, "http." + status,
                "The Labscale API answered HTTP " + status + " to " + request.method() + " "
                        + request.uri().getPath() + ".", snippet.isEmpty() ? null
                        : Map.of("body", snippet.length() > 200 ? snippet.substring(0, 200) : snippet));
    }

    private JavaType type(Class<?> c) {
        return json.constructType(c);
    }

    private JavaType pageOf(Class<?> item) {
        return json.getTypeFactory().constructParametricType(PageDto.class, item);
    }
}
