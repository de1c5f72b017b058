package org.labscale.it.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobClaims;
import org.labscale.api.job.service.JobQueue;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;

/**
 * Throughput of the job queue (issue 4): {@value #LABS} labs with 10,000 queued SELF_TEST jobs in all, drained by 32
 * simulated workers over HTTP (lease without waiting, then complete with no outputs: no handler work), then the same
 * number again with each completion asking for the next job ({@code CompleteRequest.next}, one call per job, as the
 * gpu-worker does), then the same number of jobs drained by 32 JDBC threads running {@link JobClaims#CLAIM} (one
 * claim per statement) and {@link JobQueue#COMPLETE} directly on the same PostgreSQL. Jobs are inserted with SQL as
 * copies of one job per lab submitted through the API, so that the measurement holds only leases and completions. The
 * platform's own worker and UI are stopped meanwhile. Each worker speaks HTTP/1.1 over its own keep-alive connection
 * ({@link KeepAliveHttp}; {@code -Dlabscale.bench.queue.client=jdk} for one shared {@code java.net.http.HttpClient},
 * as before), and the report says where the CPU went per job ({@link ProcessCpu}: API, PostgreSQL, this JVM's
 * clients, the rest) and how many calls each batched claim and completion statement served. Run with
 * {@code ./mvnw -pl it-tests verify -Pbenchmarks -Dit.test=QueueBenchmark}; results go to the console and
 * {@code it-tests/target/benchmarks/queue.md}. A benchmark, not a timed test: it asserts only that every job ran once.
 */
class QueueBenchmark {

    static final int LABS = 4;
    private static final int JOBS = Integer.getInteger("labscale.bench.queue.jobs", 10_000);
    private static final int WORKERS = Integer.getInteger("labscale.bench.queue.workers", 32);
    private static final int WARM_UP = Integer.getInteger("labscale.bench.queue.warm-up", 2_000);
    /**
     * Offered loads (jobs/s, all workers together) of the paced rounds, which measure the latency of a call below
     * saturation: with no work per job, 32 workers calling back to back keep every request queued behind the others
     * (the mean cycle is 32 / throughput), so the saturated rounds' latencies measure the queue, not the service.
     */
    private static final double[] PACED = Arrays.stream(System.getProperty("labscale.bench.queue.paced", "250,400,500")
            .split(",")).map(String::trim).filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One drained round: jobs, seconds, and the latency of each claim that returned a job (ns). */
    private record Round(int jobs, double seconds, long[] latencies) {
        double perSecond() {
            return jobs / seconds;
        }

        double percentileMs(double q) {
            return latencies[Math.max(0, (int) Math.ceil(q * latencies.length) - 1)] / 1e6;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %.1f | %.1f |%n", name, jobs, seconds,
                    perSecond(), percentileMs(0.50), percentileMs(0.95), percentileMs(0.99));
        }
    }

    @Test
    void drainTenThousandJobs() throws Exception {
        LocalPlatform platform = LocalPlatform.get();
        platform.stop("gpu-worker");
        platform.stop("web-ui");
        try {
            Person admin = Lab.admin(platform);
            Person owner = Lab.person(platform, "Queue Benchmarker");
            List<UUID> templates = new ArrayList<>();
            for (int i = 0; i < LABS; i++) {
                UUID lab = Lab.createLab(owner, "Queue benchmark lab");
                admin.as().body(Map.of("maxRunning", WORKERS)).put("/api/v1/admin/labs/{lab}/job-quota", lab).then()
                        .statusCode(200);
                templates.add(UUID.fromString(owner.as().body(Map.of("kind", "SELF_TEST", "payload",
                        Map.of("steps", 1, "stepMillis", 0))).post("/api/v1/labs/{lab}/jobs", lab).then()
                        .statusCode(201).extract().<String>path("id")));
            }
            List<Credential> workers = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(Credential.create(admin, "bench-" + i));
            }

            String load0 = loadAverage();
            copy(platform, templates, WARM_UP - LABS);
            Round warm = drainOverHttp(platform.apiUrl(), workers, WARM_UP, false, 0);
            copy(platform, templates, JOBS);
            Map<String, Double> cpu0 = ProcessCpu.snapshot();
            Map<String, Double> batches0 = batchMetrics(platform.apiMetricsUrl());
            Round api = drainOverHttp(platform.apiUrl(), workers, JOBS, false, 0);
            Map<String, Double> apiCpu = ProcessCpu.perJob(cpu0, ProcessCpu.snapshot(), JOBS);
            StringBuilder batching = new StringBuilder("mean calls per batched statement (claim, completion): ");
            batches0 = appendBatchSizes(batching, "lease, complete", batches0, batchMetrics(platform.apiMetricsUrl()));
            String loadApi = loadAverage();
            copy(platform, templates, JOBS);
            Map<String, Double> cpuChained0 = ProcessCpu.snapshot();
            Round chained = drainOverHttp(platform.apiUrl(), workers, JOBS, true, 0);
            Map<String, Double> chainedCpu = ProcessCpu.perJob(cpuChained0, ProcessCpu.snapshot(), JOBS);
            batches0 = appendBatchSizes(batching, "complete with next", batches0, batchMetrics(platform.apiMetricsUrl()));
            Map<Double, Round> paced = new LinkedHashMap<>();
            for (double rate : PACED) {
                copy(platform, templates, JOBS);
                paced.put(rate, drainOverHttp(platform.apiUrl(), workers, JOBS, true, rate));
                batches0 = appendBatchSizes(batching, String.format(Locale.ROOT, "paced %.0f", rate), batches0,
                        batchMetrics(platform.apiMetricsUrl()));
            }
            copy(platform, templates, JOBS);
            Map<String, Double> cpu1 = ProcessCpu.snapshot();
            Round raw = drainWithSql(platform, workers, JOBS);
            Map<String, Double> rawCpu = ProcessCpu.perJob(cpu1, ProcessCpu.snapshot(), JOBS);
            String load1 = loadAverage();

            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "%d jobs over %d labs, %d workers; %s%n%n", JOBS, LABS, WORKERS,
                    Instant.now()));
            report.append("| path | jobs | seconds | jobs/s | claim p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|\n");
            report.append(warm.row("HTTP API (warm-up)"));
            report.append(api.row("HTTP API (lease, complete)"));
            report.append(chained.row("HTTP API (complete with next: one call per job)"));
            report.append(raw.row("raw SQL (CLAIM + COMPLETE)"));
            paced.forEach((rate, r) -> report.append(r.row(String.format(Locale.ROOT,
                    "HTTP API (complete with next), paced: %.0f jobs/s offered", rate))));
            report.append(String.format(Locale.ROOT, "%nratio API/raw: %.2f (complete with next: %.2f)%n"
                    + "load average (1, 5, 15 min): before %s, after the first API round %s, at the end %s%n"
                    + "API JVM options: %s%nHTTP client of the simulated workers: %s%n",
                    api.perSecond() / raw.perSecond(), chained.perSecond() / raw.perSecond(), load0, loadApi, load1,
                    System.getProperty("labscale.it.api-java-opts", "(defaults)"), CLIENT));
            report.append(batching).append('\n');
            report.append(cpuTable(List.of("HTTP API (lease, complete)", "HTTP API (complete with next)",
                    "raw SQL"), List.of(api, chained, raw), List.of(apiCpu, chainedCpu, rawCpu)));
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "queue.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
            assertEquals(0, queued(platform), "every job was drained");
        } finally {
            platform.start("gpu-worker");
            platform.start("web-ui");
        }
    }

    /** A shared worker credential, registered as a CPU node that runs SELF_TEST. */
    private record Credential(UUID id, String token) {
        static Credential create(Person admin, String name) {
            var created = admin.as().body(Map.of("name", name)).post("/api/v1/admin/workers").then().statusCode(201)
                    .extract();
            Credential c = new Credential(UUID.fromString(created.path("id")), created.path("token"));
            given().baseUri(admin.baseUrl()).auth().oauth2(c.token()).contentType(ContentType.JSON)
                    .body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0, "kinds", List.of("SELF_TEST"),
                            "slots", 1), "host", name)).post("/api/v1/worker/register").then().statusCode(200);
            return c;
        }
    }

    /** Inserts {@code count} queued copies of the template jobs, spread evenly over them. */
    private static void copy(LocalPlatform platform, List<UUID> templates, int count) throws SQLException {
        try (Connection c = platform.sql(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO job (id, lab_id, kind, payload, priority, state, attempts, max_attempts, requires_gpu,
                                 min_gpu_memory_mb, request_hash, created_by, created_at, next_attempt_at, version)
                SELECT gen_random_uuid(), t.lab_id, t.kind, t.payload, t.priority, 'QUEUED', 0, t.max_attempts,
                       t.requires_gpu, t.min_gpu_memory_mb, t.request_hash, t.created_by,
                       now() + g * interval '1 microsecond', now(), 0
                FROM job t CROSS JOIN generate_series(1, ?) g
                WHERE t.id = ?""")) {
            for (int i = 0; i < templates.size(); i++) {
                s.setInt(1, count / templates.size() + (i < count % templates.size() ? 1 : 0));
                s.setObject(2, templates.get(i));
                s.executeUpdate();
            }
        }
        try (Connection c = platform.sql()) {
            c.createStatement().execute("ANALYZE job");
        }
    }

    /**
     * How the simulated workers speak HTTP: {@code socket} (default), one {@link KeepAliveHttp} connection per worker;
     * {@code jdk}, one shared {@code java.net.http.HttpClient} (HTTP/1.1), as the first three rounds did.
     */
    static final String CLIENT = System.getProperty("labscale.bench.queue.client", "socket");

    /** One worker's HTTP connection(s): POST a JSON body with its token, answer status and body. */
    private interface WorkerHttp extends AutoCloseable {
        KeepAliveHttp.Answer post(String path, String json) throws Exception;

        @Override
        void close();
    }

    private static WorkerHttp connect(String api, HttpClient shared, Credential worker) {
        if (shared == null) {
            KeepAliveHttp http = new KeepAliveHttp(api);
            return new WorkerHttp() {
                @Override
                public KeepAliveHttp.Answer post(String path, String json) throws Exception {
                    return http.post(path, worker.token(), json);
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        }
        return new WorkerHttp() {
            @Override
            public KeepAliveHttp.Answer post(String path, String json) throws Exception {
                HttpResponse<String> r = shared.send(HttpRequest.newBuilder(URI.create(api + path))
                        .header("Authorization", "Bearer " + worker.token()).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());
                return new KeepAliveHttp.Answer(r.statusCode(), r.body());
            }

            @Override
            public void close() {
                // the shared client stays open for the others
            }
        };
    }

    /**
     * @param chained each completion asks for the next job ({@code CompleteRequest.next}), as the gpu-worker does: one
     *                call per job; the latency recorded is then that call's round trip (completion and claim), and a
     *                plain lease only starts a worker or follows a completion that got nothing
     * @param rate    0: back to back; else the jobs per second offered by all workers together: each worker starts a
     *                job every {@code workers / rate} seconds on a fixed schedule (staggered between workers), and
     *                goes on at once while it is behind it
     */
    private static Round drainOverHttp(String api, List<Credential> workers, int jobs, boolean chained, double rate)
            throws Exception {
        HttpClient shared = switch (CLIENT) {
            case "socket" -> null;
            case "jdk" -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            default -> throw new IllegalArgumentException("labscale.bench.queue.client must be socket or jdk, not "
                    + CLIENT);
        };
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        String next = chained ? ",\"next\":{\"waitSeconds\":0}" : "";
        long period = rate > 0 ? (long) (workers.size() * 1e9 / rate) : 0;
        AtomicInteger started = new AtomicInteger();
        return run(workers, jobs, done, latencies, worker -> {
            long[] mine = new long[jobs];
            int n = 0;
            long due = System.nanoTime() + period * started.getAndIncrement() / workers.size();
            try (WorkerHttp http = connect(api, shared, worker)) {
                KeepAliveHttp.Answer lease = null;
                while (done.get() < jobs) {
                    if (period > 0) {
                        long early = due - System.nanoTime();
                        if (early > 0) {
                            Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
                        }
                        due += period;
                    }
                    if (lease == null || lease.status() == 204) {
                        long t0 = System.nanoTime();
                        lease = http.post("/api/v1/worker/lease", "{\"waitSeconds\":0}");
                        long took = System.nanoTime() - t0;
                        if (lease.status() == 204) {
                            Thread.sleep(5); // the last jobs are locked by other claims in flight
                            continue;
                        }
                        check("lease", lease, 200);
                        mine[n++] = took;
                    }
                    JsonNode l = JSON.readTree(lease.body());
                    long t0 = System.nanoTime();
                    KeepAliveHttp.Answer complete = http.post("/api/v1/worker/jobs/" + l.get("jobId").asText()
                            + "/complete", "{\"leaseId\":\"" + l.get("leaseId").asText()
                            + "\",\"result\":{},\"outputs\":[]" + next + "}");
                    long took = System.nanoTime() - t0;
                    done.incrementAndGet();
                    if (chained && complete.status() == 200) {
                        mine[n++] = took;
                        lease = complete;
                    } else {
                        check("complete", complete, 204);
                        lease = null;
                    }
                }
            }
            latencies.add(Arrays.copyOf(mine, n));
        });
    }

    private static Round drainWithSql(LocalPlatform platform, List<Credential> workers, int jobs) throws Exception {
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        return run(workers, jobs, done, latencies, worker -> {
            long[] mine = new long[jobs];
            int n = 0;
            try (Connection c = platform.sql(); PreparedStatement claim = c.prepareStatement(JobClaims.CLAIM);
                 PreparedStatement complete = c.prepareStatement(JobQueue.COMPLETE)) {
                var kinds = c.createArrayOf("text", new Object[] {"SELF_TEST"});
                while (done.get() < jobs) {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    UUID lease = UUID.randomUUID();
                    int i = 1;
                    claim.setObject(i++, null);
                    claim.setObject(i++, null);
                    claim.setObject(i++, now);
                    claim.setArray(i++, kinds);
                    claim.setBoolean(i++, false);
                    claim.setInt(i++, 0);
                    claim.setInt(i++, 1);
                    claim.setInt(i++, 1);
                    claim.setArray(i++, c.createArrayOf("uuid", new Object[] {lease}));
                    claim.setArray(i++, c.createArrayOf("uuid", new Object[] {worker.id()}));
                    claim.setObject(i++, now);
                    claim.setObject(i++, now.plusMinutes(1));
                    claim.setObject(i++, now);
                    claim.setObject(i, now);
                    long t0 = System.nanoTime();
                    UUID job;
                    try (ResultSet rs = claim.executeQuery()) {
                        job = rs.next() ? rs.getObject(2, UUID.class) : null;
                    } catch (SQLException e) {
                        if ("LS001".equals(e.getSQLState())) {
                            continue; // a racing claim took the lab's last slot; pick again, as JobClaims does
                        }
                        throw e;
                    }
                    long took = System.nanoTime() - t0;
                    if (job == null) {
                        Thread.sleep(5);
                        continue;
                    }
                    mine[n++] = took;
                    complete.setString(1, "{}");
                    complete.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                    complete.setObject(3, job);
                    complete.setObject(4, lease);
                    complete.setObject(5, worker.id());
                    try (ResultSet rs = complete.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("raw completion of " + job + " matched no row");
                        }
                    }
                    done.incrementAndGet();
                }
            }
            latencies.add(Arrays.copyOf(mine, n));
        });
    }

    private interface Loop {
        void run(Credential worker) throws Exception;
    }

    private static Round run(List<Credential> workers, int jobs, AtomicInteger done, ConcurrentLinkedQueue<long[]> latencies,
                             Loop loop) throws Exception {
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        for (Credential w : workers) {
            Thread t = new Thread(() -> {
                try {
                    loop.run(w);
                } catch (Throwable e) {
                    failures.add(e);
                    done.set(Integer.MAX_VALUE / 2); // stop the others
                }
            }, "bench-" + w.id());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!failures.isEmpty()) {
            throw new AssertionError("a worker failed", failures.peek());
        }
        assertEquals(jobs, done.get(), "jobs completed");
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        assertEquals(jobs, all.length, "one successful claim per job");
        return new Round(jobs, seconds, all);
    }

    private static void check(String call, KeepAliveHttp.Answer r, int expected) {
        if (r.status() != expected) {
            throw new IllegalStateException(call + " answered " + r.status() + ": " + r.body());
        }
    }

    private static int queued(LocalPlatform platform) throws SQLException {
        try (Connection c = platform.sql();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM job WHERE state IN ('QUEUED', 'RUNNING')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * CPU-ms per job per component ({@link ProcessCpu}) of the measured rounds, and how busy the machine's CPUs were
     * (100 % = all of them for the whole round).
     */
    private static String cpuTable(List<String> titles, List<Round> rounds, List<Map<String, Double>> cpu) {
        if (cpu.stream().anyMatch(Map::isEmpty)) {
            return String.format("%nCPU per component: not measured (no readable /proc)%n");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nCPU-ms per job (%d CPUs)%n%n| component |",
                cpus));
        titles.forEach(title -> t.append(' ').append(title).append(" |"));
        t.append("\n|---|").append("---|".repeat(titles.size())).append('\n');
        Set<String> names = new LinkedHashSet<>();
        cpu.forEach(c -> names.addAll(c.keySet()));
        for (String name : names) {
            t.append("| ").append(name).append(" |");
            cpu.forEach(c -> t.append(String.format(Locale.ROOT, " %.2f |", c.getOrDefault(name, 0.0))));
            t.append('\n');
        }
        t.append("| machine busy % |");
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            t.append(String.format(Locale.ROOT, " %.0f |",
                    100 * cpu.get(i).get(ProcessCpu.MACHINE) * r.jobs() / (r.seconds() * 1000 * cpus)));
        }
        return t.append('\n').toString();
    }

    /** The API's {@code labscale_queue_batch_size} sums and counts, by "statement sum" / "statement count". */
    private static Map<String, Double> batchMetrics(String metricsUrl) {
        Map<String, Double> values = new LinkedHashMap<>();
        String text = given().get(metricsUrl).then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            for (String part : List.of("sum", "count")) {
                String prefix = "labscale_queue_batch_size_" + part + "{statement=\"";
                if (line.startsWith(prefix)) {
                    String statement = line.substring(prefix.length(), line.indexOf('"', prefix.length()));
                    values.put(statement + " " + part, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        return values;
    }

    /** Appends the round's mean batch sizes ("round: claim x, completion y; ") and answers {@code after}. */
    private static Map<String, Double> appendBatchSizes(StringBuilder out, String round, Map<String, Double> before,
                                                        Map<String, Double> after) {
        out.append(round).append(':');
        for (String statement : List.of("claim", "completion")) {
            double calls = after.getOrDefault(statement + " sum", 0.0) - before.getOrDefault(statement + " sum", 0.0);
            double statements = after.getOrDefault(statement + " count", 0.0)
                    - before.getOrDefault(statement + " count", 0.0);
            out.append(String.format(Locale.ROOT, " %.1f", statements == 0 ? 0 : calls / statements));
        }
        out.append("; ");
        return after;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
