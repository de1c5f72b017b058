package org.labscale.worker.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.LeaseDto;

/**
 * The platform API as a worker sees it, in one local HTTP server: the worker protocol (register, long-poll lease,
 * heartbeat, complete, fail, release, with 409 {@code lease.lost} for a lease the test declared lost) and a
 * presigned-PUT target for outputs. It records every call so tests can assert what the worker said. The real API is
 * exercised against a real worker in it-tests.
 */
public final class StubPlatform {

    /** One call the worker made. */
    public record Call(String action, UUID jobId, Map<String, Object> body, Instant at) {
    }

    private static final Pattern JOB_CALL = Pattern.compile("/api/v1/worker/jobs/([0-9a-f-]{36})/(\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final int port;
    private final ConcurrentLinkedQueue<Map<String, Object>> queued = new ConcurrentLinkedQueue<>();
    private final Map<UUID, LeaseDto> leases = new ConcurrentHashMap<>();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private ExecutorService executor;

    private StubPlatform(int port) {
        this.port = port;
    }

    /** Starts on a free port. */
    public static StubPlatform start() {
        StubPlatform stub = new StubPlatform(0);
        stub.listen(0);
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops answering (connections refused), as when the API restarts. */
    public synchronized void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Answers again on the same port. */
    public synchronized void restart() {
        listen(port());
    }

    private void listen(int onPort) {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
                s.createContext("/", this::handle);
                executor = Executors.newCachedThreadPool();
                s.setExecutor(executor);
                s.start();
                server = s;
                return;
            } catch (BindException e) {
                if (attempt > 50) {
                    throw new IllegalStateException(e);
                }
                sleep(100);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Queues a SELF_TEST job with this payload; answers its id. */
    public UUID enqueueSelfTest(Map<String, Object> payload) {
        UUID id = UUID.randomUUID();
        queued.add(Map.of("id", id, "payload", payload));
        return id;
    }

    /** Queues a SELF_TEST job whose lease allows it {@code maxRunSeconds}; answers its id. */
    public UUID enqueueSelfTest(Map<String, Object> payload, long maxRunSeconds) {
        UUID id = UUID.randomUUID();
        queued.add(Map.of("id", id, "payload", payload, "maxRunSeconds", maxRunSeconds));
        return id;
    }

    /** The user cancels the job: the next heartbeat answers cancelRequested. */
    public void cancel(UUID jobId) {
        cancelled.add(jobId);
    }

    /** The job's lease is no longer current: every call about it answers 409 lease.lost. */
    public void loseLease(UUID jobId) {
        lost.add(jobId);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(UUID jobId, String action) {
        return calls.stream().filter(c -> jobId.equals(c.jobId()) && c.action().equals(action)).toList();
    }

    public List<Call> registrations() {
        return calls.stream().filter(c -> c.action().equals("register")).toList();
    }

    public LeaseDto lease(UUID jobId) {
        return leases.get(jobId);
    }

    /** The bytes PUT to the job's output {@code name}, or null. */
    public byte[] object(UUID jobId, String name) {
        LeaseDto lease = leases.get(jobId);
        return lease == null ? null : objects.get(jobId + "/" + lease.leaseId() + "/" + name);
    }

    public int objectCount() {
        return objects.size();
    }

    /** Waits until a call matches, or fails after {@code timeout}. */
    public Call await(Predicate<Call> what, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Call c : calls) {
                if (what.test(c)) {
                    return c;
                }
            }
            sleep(20);
        }
        throw new AssertionError("No " + description + " within " + timeout + "; calls: " + calls);
    }

    public Call await(UUID jobId, String action, Duration timeout) {
        return await(c -> jobId.equals(c.jobId()) && c.action().equals(action), timeout, action + " of " + jobId);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/api/v1/info")) {
                respond(ex, 200, Map.of("name", "Labscale", "version", "stub", "apiVersion", "v1"));
                return;
            }
            if (path.startsWith("/s3/") && ex.getRequestMethod().equals("PUT")) {
                objects.put(path.substring(4), body);
                calls.add(new Call("put", UUID.fromString(path.substring(4, 40)), Map.of("key", path.substring(4)),
                        Instant.now()));
                respond(ex, 200, null);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer lsw_")) {
                respond(ex, 401, Map.of("code", "auth.invalid-token", "message", "no worker token"));
                return;
            }
            Map<String, Object> json = body.length == 0 ? Map.of() : JSON.readValue(body, new TypeReference<>() { });
            switch (path) {
                case "/api/v1/worker/register" -> {
                    calls.add(new Call("register", null, json, Instant.now()));
                    respond(ex, 200, Map.of("id", UUID.randomUUID().toString(), "name", "stub-worker",
                            "capabilities", json.get("capabilities"), "tokenPrefix", "lsw_stub"));
                }
                case "/api/v1/worker/lease" -> lease(ex, json, "lease");
                default -> jobCall(ex, path, json);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    /**
     * Answers a long poll; {@code action} is recorded: {@code lease}, or {@code lease-on-complete} for the
     * {@code next} of a completion.
     */
    @SuppressWarnings("unchecked")
    private void lease(HttpExchange ex, Map<String, Object> request, String action) throws IOException {
        int wait = request.get("waitSeconds") instanceof Number n ? n.intValue() : 25;
        long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
        while (true) {
            Map<String, Object> job = queued.poll();
            if (job != null) {
                UUID id = (UUID) job.get("id");
                UUID leaseId = UUID.randomUUID();
                Instant now = Instant.now();
                LeaseDto lease = new LeaseDto(id, UUID.randomUUID(), 1, leaseId, now.plusSeconds(60), 1,
                        JobKind.SELF_TEST, (Map<String, Object>) job.get("payload"), Map.of(),
                        Map.of("result", url() + "/s3/" + id + "/" + leaseId + "/result"), now.plusSeconds(3600),
                        null, null, (Long) job.get("maxRunSeconds"));
                leases.put(id, lease);
                calls.add(new Call(action, id, request, now));
                respond(ex, 200, lease);
                return;
            }
            if (System.nanoTime() > deadline) {
                respond(ex, 204, null);
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException stopped) { // the stub is stopping: drop the connection like a dying server
                return;
            }
        }
    }

    private void jobCall(HttpExchange ex, String path, Map<String, Object> body) throws IOException {
        Matcher m = JOB_CALL.matcher(path);
        if (!m.matches()) {
            respond(ex, 404, Map.of("code", "not-found", "message", path));
            return;
        }
        UUID jobId = UUID.fromString(m.group(1));
        String action = m.group(2);
        calls.add(new Call(action, jobId, body, Instant.now()));
        LeaseDto lease = leases.get(jobId);
        if (lease == null || lost.contains(jobId) || !lease.leaseId().toString().equals(body.get("leaseId"))) {
            respond(ex, 409, Map.of("code", "lease.lost", "message", "This lease of job " + jobId
                    + " is no longer current; abandon the job."));
            return;
        }
        if (action.equals("heartbeat")) {
            respond(ex, 200, Map.of("cancelRequested", cancelled.contains(jobId),
                    "leaseExpiresAt", Instant.now().plusSeconds(60).toString()));
        } else if (action.equals("complete") && body.get("next") instanceof Map<?, ?> next) {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) next;
            lease(ex, request, "lease-on-complete");
        } else {
            respond(ex, 204, null);
        }
    }

    private static void respond(HttpExchange ex, int status, Object body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Progress messages of the job's heartbeats, in order, without repeats of "no progress". */
    public List<String> progressMessages(UUID jobId) {
        List<String> messages = new ArrayList<>();
        for (Call c : calls(jobId, "heartbeat")) {
            if (c.body().get("progress") instanceof Map<?, ?> p && p.get("message") != null) {
                messages.add((String) p.get("message"));
            }
        }
        return messages;
    }
}
