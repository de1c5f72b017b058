package org.labscale.worker.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.shared.job.CompleteRequest;
import org.labscale.shared.job.FailRequest;
import org.labscale.shared.job.HeartbeatRequest;
import org.labscale.shared.job.HeartbeatResponse;
import org.labscale.shared.job.LeaseDto;
import org.labscale.shared.job.LeaseRequest;
import org.labscale.shared.job.ReleaseRequest;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.job.WorkerRegistration;
import org.labscale.worker.config.WorkerConfig;

/**
 * The worker protocol's client side (see {@code org.labscale.shared.job} in shared-models): register, lease (long
 * poll), heartbeat, complete, fail, release, each with the worker token; and plain PUT/GET of presigned S3 URLs.
 * Every failure is an {@link ApiCallException} that says whether it is worth retrying.
 */
@ApplicationScoped
public class WorkerApiClient {

    /** Extra time the HTTP client allows a long poll beyond the wait it asked the server for. */
    private static final Duration LONG_POLL_SLACK = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    WorkerConfig config;

    @Inject
    ObjectMapper json;

    /** Whether a worker token is configured at all. */
    public boolean hasToken() {
        return config.worker().token().filter(t -> !t.isBlank()).isPresent();
    }

    public WorkerDto register(WorkerRegistration registration) throws ApiCallException {
        return json.convertValue(call("register", "/api/v1/worker/register", registration, CALL_TIMEOUT), WorkerDto.class);
    }

    /** The long poll: a lease, or empty when no job came within {@code request.waitSeconds()}. */
    public Optional<LeaseDto> lease(LeaseRequest request) throws ApiCallException {
        Duration timeout = Duration.ofSeconds(request.waitSeconds() == null ? 25 : request.waitSeconds())
                .plus(LONG_POLL_SLACK);
        JsonNode body = call("lease", "/api/v1/worker/lease", request, timeout);
        return body == null ? Optional.empty() : Optional.of(json.convertValue(body, LeaseDto.class));
    }

    public HeartbeatResponse heartbeat(UUID jobId, HeartbeatRequest request) throws ApiCallException {
        return json.convertValue(call("heartbeat of job " + jobId, "/api/v1/worker/jobs/" + jobId + "/heartbeat",
                request, CALL_TIMEOUT), HeartbeatResponse.class);
    }

    /**
     * Records the success; with {@link CompleteRequest#next()} also leases the next job in the same round trip (give
     * it {@code waitSeconds} 0 to keep the call short): that lease, or empty.
     */
    public Optional<LeaseDto> complete(UUID jobId, CompleteRequest request) throws ApiCallException {
        JsonNode body = call("completion of job " + jobId, "/api/v1/worker/jobs/" + jobId + "/complete", request,
                CALL_TIMEOUT);
        return body == null || request.next() == null ? Optional.empty()
                : Optional.of(json.convertValue(body, LeaseDto.class));
    }

    public void fail(UUID jobId, FailRequest request) throws ApiCallException {
        call("failure of job " + jobId, "/api/v1/worker/jobs/" + jobId + "/fail", request, CALL_TIMEOUT);
    }

    public void release(UUID jobId, ReleaseRequest request) throws ApiCallException {
        call("release of job " + jobId, "/api/v1/worker/jobs/" + jobId + "/release", request, CALL_TIMEOUT);
    }

    /** PUTs a file to a presigned URL (no Authorization header: the URL carries its own signature). */
    public void upload(String what, String presignedUrl, Path file) throws ApiCallException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(presignedUrl)).timeout(Duration.ofMinutes(30))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiCallException("upload of " + what, response.statusCode(), null,
                        abbreviate(response.body()), null);
            }
        } catch (IOException e) {
            throw new ApiCallException("upload of " + what, 0, null, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException("upload of " + what, 0, null, "interrupted", e);
        }
    }

    /** GETs a presigned URL as a stream (the caller closes it). */
    public InputStream download(String what, String presignedUrl) throws ApiCallException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(presignedUrl)).timeout(Duration.ofMinutes(30))
                    .GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    throw new ApiCallException("download of " + what, response.statusCode(), null,
                            abbreviate(new String(body.readNBytes(2000))), null);
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new ApiCallException("download of " + what, 0, null, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException("download of " + what, 0, null, "interrupted", e);
        }
    }

    /** POSTs {@code body} as JSON; answers the JSON body of a 200, null for 204. */
    private JsonNode call(String what, String path, Object body, Duration timeout) throws ApiCallException {
        String token = config.worker().token().orElseThrow(() -> new ApiCallException(what, 401, "auth.required",
                "no worker token configured (LABSCALE_WORKER_TOKEN)", null));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.api().url() + path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 204) {
                return null;
            }
            if (status == 200) {
                return json.readTree(response.body());
            }
            String code = null;
            String message = abbreviate(response.body());
            try {
                JsonNode error = json.readTree(response.body());
                if (error != null && error.hasNonNull("code")) {
                    code = error.get("code").asText();
                    message = error.path("message").asText(message);
                }
            } catch (IOException notJson) {
                // e.g. a proxy's HTML error page: keep the raw text
            }
            throw new ApiCallException(what, status, code, message, null);
        } catch (IOException e) {
            throw new ApiCallException(what, 0, null, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException(what, 0, null, "interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
