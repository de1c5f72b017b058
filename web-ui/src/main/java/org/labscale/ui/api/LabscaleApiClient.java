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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.job.CreateWorkerRequest;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.lab.AcceptInvitationRequest;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;
import org.labscale.shared.lab.MemberDto;
import org.labscale.shared.lab.MemberRoleRequest;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.ImageUpdateRequest;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.image.ThumbnailsDto;

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
        byte[] body = toJson(new LoginRequest(email, password));
        return send(b.header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
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

    /** {@code GET /api/v1/labs/{labId}}: the same 404 for another lab's id and a missing one. */
    public LabDto lab(String token, UUID labId) {
        return send(get("/api/v1/labs/" + labId, token), type(LabDto.class));
    }

    /** {@code GET /api/v1/projects/{projectId}}. */
    public ProjectDto project(String token, UUID projectId) {
        return send(get("/api/v1/projects/" + projectId, token), type(ProjectDto.class));
    }

    /** {@code PATCH /api/v1/projects/{projectId}} with {@code If-Match} of the version the user saw (412 when stale). */
    public ProjectDto updateProject(String token, UUID projectId, long version, ProjectRequest change) {
        HttpRequest request = request("/api/v1/projects/" + projectId, token)
                .header("If-Match", "\"" + version + "\"")
                .header("Content-Type", JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(toJson(change))).build();
        return send(request, type(ProjectDto.class));
    }

    /** {@code PATCH /api/v1/images/{imageId}} with {@code If-Match} of the version the user saw (412 when stale). */
    public ImageDto updateImage(String token, UUID imageId, long version, ImageUpdateRequest change) {
        HttpRequest request = request("/api/v1/images/" + imageId, token)
                .header("If-Match", "\"" + version + "\"")
                .header("Content-Type", JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(toJson(change))).build();
        return send(request, type(ImageDto.class));
    }

    /** {@code DELETE /api/v1/images/{imageId}/pixel-size} with {@code If-Match}: the pixel size is unknown again. */
    public ImageDto clearPixelSize(String token, UUID imageId, long version) {
        return send(request("/api/v1/images/" + imageId + "/pixel-size", token)
                .header("If-Match", "\"" + version + "\"").DELETE().build(), type(ImageDto.class));
    }

    /** {@code DELETE /api/v1/projects/{projectId}} with {@code If-Match}: the project, its images and annotations. */
    public void deleteProject(String token, UUID projectId, long version) {
        send(request("/api/v1/projects/" + projectId, token).header("If-Match", "\"" + version + "\"")
                .DELETE().build(), null);
    }

    /** {@code GET /api/v1/projects/{projectId}/images?page=&size=}: one page, oldest first. */
    public PageDto<ImageDto> images(String token, UUID projectId, int page, int size) {
        return send(get("/api/v1/projects/" + projectId + "/images?page=" + page + "&size=" + size, token),
                pageOf(ImageDto.class));
    }

    /** {@code GET /api/v1/images/{imageId}}. */
    public ImageDto image(String token, UUID imageId) {
        return send(get("/api/v1/images/" + imageId, token), type(ImageDto.class));
    }

    /**
     * {@code POST /api/v1/projects/{projectId}/images}: uploads {@code file} as multipart form data, streamed from
     * disk (never held in memory), with the optional channel names, pixel size and page mode.
     */
    public ImageDto uploadImage(String token, UUID projectId, Path file, String fileName, List<String> channelNames,
                                Double pixelSizeUm, PageMode pageMode) {
        Multipart form = new Multipart();
        if (channelNames != null && !channelNames.isEmpty()) {
            form.field("channelNames", String.join(",", channelNames));
        }
        if (pixelSizeUm != null) {
            form.field("pixelSizeUm", Double.toString(pixelSizeUm));
        }
        if (pageMode != null) {
            form.field("pageMode", pageMode.name());
        }
        form.file("file", fileName, file);
        return send(form.post(request("/api/v1/projects/" + projectId + "/images", token)), type(ImageDto.class));
    }

    /**
     * {@code GET /api/v1/images/{imageId}/histogram?channel=&frame=}: one channel's histogram and percentiles; 503
     * {@code tile.preparing} while the API prepares the image's tiles.
     */
    public ChannelHistogramDto histogram(String token, UUID imageId, int channel, int frame) {
        return send(get("/api/v1/images/" + imageId + "/histogram?channel=" + channel + "&frame=" + frame, token),
                type(ChannelHistogramDto.class));
    }

    /**
     * {@code GET /api/v1/projects/{projectId}/thumbnails?id=...}: the thumbnails of up to
     * {@link ThumbnailsDto#MAX_IDS} images of the project in one answer; ids of no image of it are left out.
     */
    public ThumbnailsDto thumbnails(String token, UUID projectId, List<UUID> imageIds) {
        StringBuilder path = new StringBuilder("/api/v1/projects/" + projectId + "/thumbnails");
        for (int i = 0; i < imageIds.size(); i++) {
            path.append(i == 0 ? "?id=" : "&id=").append(imageIds.get(i));
        }
        return send(get(path.toString(), token), type(ThumbnailsDto.class));
    }

    /** {@code GET /api/v1/labs/{labId}/jobs?state=&kind=&page=&size=}: newest first; null filters mean all. */
    public PageDto<JobDto> jobs(String token, UUID labId, JobState state, JobKind kind, int page, int size) {
        return send(get("/api/v1/labs/" + labId + "/jobs?page=" + page + "&size=" + size
                + (state == null ? "" : "&state=" + state.name()) + (kind == null ? "" : "&kind=" + kind.name()), token),
                pageOf(JobDto.class));
    }

    /** {@code GET /api/v1/jobs/{jobId}}. */
    public JobDto job(String token, UUID jobId) {
        return send(get("/api/v1/jobs/" + jobId, token), type(JobDto.class));
    }

    /** {@code POST /api/v1/jobs/{jobId}/cancel}: a queued job at once, a running one at its next heartbeat. */
    public JobDto cancelJob(String token, UUID jobId) {
        return send(post("/api/v1/jobs/" + jobId + "/cancel", token, null), type(JobDto.class));
    }

    /** {@code POST /api/v1/jobs/{jobId}/retry}: a failed or cancelled job queued again with fresh attempts. */
    public JobDto retryJob(String token, UUID jobId) {
        return send(post("/api/v1/jobs/" + jobId + "/retry", token, null), type(JobDto.class));
    }

    /** {@code GET /api/v1/labs/{labId}/members?page=&size=}. */
    public PageDto<MemberDto> members(String token, UUID labId, int page, int size) {
        return send(get("/api/v1/labs/" + labId + "/members?page=" + page + "&size=" + size, token), pageOf(MemberDto.class));
    }

    /** {@code PUT /api/v1/labs/{labId}/members/{userId}} (owners; a lab always keeps an owner). */
    public MemberDto changeRole(String token, UUID labId, UUID userId, Role role) {
        return send(request("/api/v1/labs/" + labId + "/members/" + userId, token).header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(toJson(new MemberRoleRequest(role)))).build(),
                type(MemberDto.class));
    }

    /** {@code DELETE /api/v1/labs/{labId}/members/{userId}} (owners, or a member leaving). */
    public void removeMember(String token, UUID labId, UUID userId) {
        send(request("/api/v1/labs/" + labId + "/members/" + userId, token).DELETE().build(), null);
    }

    /** {@code GET /api/v1/labs/{labId}/invitations?page=&size=} (owners). */
    public PageDto<InvitationDto> invitations(String token, UUID labId, int page, int size) {
        return send(get("/api/v1/labs/" + labId + "/invitations?page=" + page + "&size=" + size, token),
                pageOf(InvitationDto.class));
    }

    /** {@code POST /api/v1/labs/{labId}/invitations} (owners): the answer carries the token, this once. */
    public InvitationDto invite(String token, UUID labId, InvitationRequest invitation) {
        return send(post("/api/v1/labs/" + labId + "/invitations", token, invitation), type(InvitationDto.class));
    }

    /** {@code DELETE /api/v1/labs/{labId}/invitations/{invitationId}}. */
    public void revokeInvitation(String token, UUID labId, UUID invitationId) {
        send(request("/api/v1/labs/" + labId + "/invitations/" + invitationId, token).DELETE().build(), null);
    }

    /** {@code POST /api/v1/invitations/accept}: signed in ({@code token} not null) or creating an account. */
    public MembershipDto acceptInvitation(String token, AcceptInvitationRequest accept) {
        return send(post("/api/v1/invitations/accept", token, accept), type(MembershipDto.class));
    }

    /** {@code GET /api/v1/me/tokens?page=&size=}: the caller's personal API tokens (never their secrets). */
    public PageDto<TokenDto> tokens(String token, int page, int size) {
        return send(get("/api/v1/me/tokens?page=" + page + "&size=" + size, token), pageOf(TokenDto.class));
    }

    /** {@code POST /api/v1/me/tokens}: the answer carries the new token's secret, this once. */
    public TokenDto createToken(String token, CreateTokenRequest create) {
        return send(post("/api/v1/me/tokens", token, create), type(TokenDto.class));
    }

    /** {@code DELETE /api/v1/me/tokens/{tokenId}}. */
    public void revokeToken(String token, UUID tokenId) {
        send(request("/api/v1/me/tokens/" + tokenId, token).DELETE().build(), null);
    }

    /** {@code GET /api/v1/labs/{labId}/workers?page=&size=} (owners): the lab's own workers. */
    public PageDto<WorkerDto> workers(String token, UUID labId, int page, int size) {
        return send(get("/api/v1/labs/" + labId + "/workers?page=" + page + "&size=" + size, token),
                pageOf(WorkerDto.class));
    }

    /** {@code GET /api/v1/labs/{labId}/job-quota} (members): how many of the lab's jobs may run at once, and run. */
    public JobQuotaDto jobQuota(String token, UUID labId) {
        return send(get("/api/v1/labs/" + labId + "/job-quota", token), type(JobQuotaDto.class));
    }

    /** {@code POST /api/v1/labs/{labId}/workers} (owners): the answer carries the worker token, this once. */
    public WorkerDto createWorker(String token, UUID labId, String name) {
        return send(post("/api/v1/labs/" + labId + "/workers", token, new CreateWorkerRequest(name)),
                type(WorkerDto.class));
    }

    /** {@code DELETE /api/v1/labs/{labId}/workers/{workerId}}. */
    public void revokeWorker(String token, UUID labId, UUID workerId) {
        send(request("/api/v1/labs/" + labId + "/workers/" + workerId, token).DELETE().build(), null);
    }

    /** {@code GET /api/v1/images/{imageId}/annotations}: the image's annotations with their newest versions. */
    public List<AnnotationDto> annotations(String token, UUID imageId) {
        return send(get("/api/v1/images/" + imageId + "/annotations", token),
                json.getTypeFactory().constructCollectionType(List.class, AnnotationDto.class));
    }

    /** {@code POST /api/v1/images/{imageId}/annotations}: a label image of {@code kind}, streamed from disk. */
    public AnnotationDto uploadAnnotation(String token, UUID imageId, Path file, String fileName,
                                          AnnotationKind kind, String name) {
        Multipart form = new Multipart();
        form.field("kind", kind.name());
        if (name != null && !name.isBlank()) {
            form.field("name", name.strip());
        }
        form.file("file", fileName, file);
        return send(form.post(request("/api/v1/images/" + imageId + "/annotations", token)), type(AnnotationDto.class));
    }

    /**
     * A binary answer of the API (a tile, a thumbnail, JSON for the browser) to pass through as it is.
     *
     * @param status      the API's status code
     * @param contentType its Content-Type, or null
     * @param cacheControl its Cache-Control, or null
     * @param etag        its ETag, or null
     * @param body        the body, to be closed by the caller
     */
    public record Passthrough(int status, String contentType, String cacheControl, String etag, InputStream body) {
    }

    /** {@code GET} of {@code pathAndQuery} (under {@code /api/v1/}), streamed back for the UI's image proxy. */
    public Passthrough stream(String token, String pathAndQuery) {
        return stream(token, pathAndQuery, null);
    }

    /**
     * As {@link #stream(String, String)}, passing on the browser's {@code If-None-Match} (when not null), so that an
     * image the browser already holds is answered 304 without its bytes.
     */
    public Passthrough stream(String token, String pathAndQuery, String ifNoneMatch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + pathAndQuery))
                .timeout(requestTimeout).header("Authorization", "Bearer " + token).GET();
        if (ifNoneMatch != null) {
            builder.header("If-None-Match", ifNoneMatch);
        }
        try {
            HttpResponse<InputStream> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Passthrough(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Cache-Control").orElse(null), r.headers().firstValue("ETag").orElse(null),
                    r.body());
        } catch (IOException e) {
            throw new ApiUnreachableException(baseUrl, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException(baseUrl, "interrupted", e);
        }
    }

    private HttpRequest get(String path, String token) {
        return request(path, token).GET().build();
    }

    private HttpRequest post(String path, String token, Object body) {
        HttpRequest.Builder b = request(path, token);
        if (body == null) {
            return b.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body))).build();
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A multipart/form-data body whose file parts are streamed from disk by the HTTP client. */
    private static final class Multipart {
        private final String boundary = "labscale-" + UUID.randomUUID();
        private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

        void field(String name, String value) {
            parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        }

        void file(String name, String fileName, Path file) {
            String safeName = fileName.replace("\"", "'").replace("\r", " ").replace("\n", " ");
            parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"; filename=\"" + safeName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            try {
                parts.add(HttpRequest.BodyPublishers.ofFile(file));
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException("The uploaded file " + fileName + " is gone from " + file, e);
            }
            parts.add(HttpRequest.BodyPublishers.ofByteArray("\r\n".getBytes(StandardCharsets.UTF_8)));
        }

        HttpRequest post(HttpRequest.Builder b) {
            parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
            return b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
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

    /**
     * {@code GET /api/v1/projects/{projectId}/images?sort=&name=&annotated=&page=&size=}: one page of a project's
     * gallery in {@code sort} order ({@code date}, {@code -date}, {@code name}, {@code -name}), only images whose name
     * contains {@code name} (null: any) and with ({@code true}) or without ({@code false}) annotations (null: both).
     */
    public PageDto<ImageDto> images(String token, UUID projectId, String sort, String name, Boolean annotated,
                                    int page, int size) {
        StringBuilder query = new StringBuilder("?page=" + page + "&size=" + size);
        if (sort != null) {
            query.append("&sort=").append(java.net.URLEncoder.encode(sort, StandardCharsets.UTF_8));
        }
        if (name != null && !name.isBlank()) {
            query.append("&name=").append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        if (annotated != null) {
            query.append("&annotated=").append(annotated);
        }
        return send(get("/api/v1/projects/" + projectId + "/images" + query, token), pageOf(ImageDto.class));
    }

    /**
     * A JSON call of any method for the typed clients of one area (e.g. {@link ModelsClient}), with this client's
     * errors and reading rules; {@code ifMatch} (a resource's version) guards a change, {@code body} null sends none,
     * {@code answer} null reads none.
     */
    public <T> T json(String method, String path, String token, Long ifMatch, Object body, JavaType answer) {
        HttpRequest.Builder b = request(path, token);
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        HttpRequest request = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()).build()
                : b.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
                .build();
        return send(request, answer);
    }

    /** The Jackson type of {@code c} with its type arguments, e.g. {@code PageDto<ModelDto>}, for {@link #json}. */
    public JavaType typeOf(Class<?> c, Class<?>... arguments) {
        return arguments.length == 0 ? json.constructType(c)
                : json.getTypeFactory().constructParametricType(c, arguments);
    }

    /** The Jackson type of a list of {@code item}, for {@link #json}. */
    public JavaType listOf(Class<?> item) {
        return json.getTypeFactory().constructCollectionType(List.class, item);
    }

    /**
     * {@code GET} of {@code pathAndQuery} (under {@code /api/v1/}) that the API answers with a redirect to a presigned
     * URL (a model member, a job output): the redirect is followed here, without the token, and the file streamed
     * back, so the browser sees neither the token nor the storage's address. Other answers pass as they are.
     */
    public Passthrough download(String token, String pathAndQuery) {
        Redirect first = redirect(token, pathAndQuery);
        if (first.status() < 300 || first.status() > 399 || first.location() == null) {
            return stream(token, pathAndQuery);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + pathAndQuery).resolve(
                first.location())).timeout(requestTimeout).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new Passthrough(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), null, null,
                    r.body());
        } catch (IOException e) {
            throw new ApiUnreachableException(baseUrl, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException(baseUrl, "interrupted", e);
        }
    }

    private record Redirect(int status, String location) {
    }

    private Redirect redirect(String token, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + pathAndQuery))
                .timeout(requestTimeout).header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Redirect(r.statusCode(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new ApiUnreachableException(baseUrl, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnreachableException(baseUrl, "interrupted", e);
        }
    }

    // Helpers for the clients of other pages in this package (e.g. SegmentationClient): same errors, same JSON.

    /** {@code GET path} answered as {@code type}. */
    <T> T getJson(String token, String path, JavaType type) {
        return send(get(path, token), type);
    }

    /** {@code POST path} with {@code body} as JSON, answered as {@code type}. */
    <T> T postJson(String token, String path, Object body, JavaType type) {
        return send(post(path, token, body), type);
    }

    /** The JSON type of {@code c}, or of a page of {@code c} items. */
    JavaType jsonType(Class<?> c, boolean page) {
        return page ? pageOf(c) : type(c);
    }

    /**
     * {@code POST path} with a file on disk as the raw body of {@code contentType} (a package zip), streamed, answered
     * as {@code answer}; errors as {@link #json}.
     */
    public <T> T postFile(String token, String path, Path file, String contentType, JavaType answer) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new java.io.UncheckedIOException("The uploaded file is gone from " + file, e);
        }
        return send(request(path, token).header("Content-Type", contentType).POST(body).build(), answer);
    }
}
