package org.labscale.worker.handler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.shared.job.JobPayload;
import org.labscale.shared.job.JobProgress;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.connection.ApiCallException;

/** A {@link JobContext} for handler tests: records progress and outputs in memory; {@link #cancel()} stops it. */
final class FakeJobContext implements JobContext {

    final List<JobProgress> progress = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> outputs = new ConcurrentHashMap<>();
    private final Map<String, Object> payload;
    private final Set<String> allowedOutputs;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final ObjectMapper json = new ObjectMapper();

    private final Map<String, Path> inputFiles;
    private final Map<String, String> inputHashes;
    private final Map<String, Object> context;
    private volatile boolean downloading;

    FakeJobContext(Map<String, Object> payload, Set<String> allowedOutputs) {
        this(payload, allowedOutputs, Map.of(), Map.of(), Map.of());
    }

    /** A context whose inputs are local files with their hashes, and the lease's resolved context. */
    FakeJobContext(Map<String, Object> payload, Set<String> allowedOutputs, Map<String, Path> inputFiles,
                   Map<String, String> inputHashes, Map<String, Object> context) {
        this.payload = payload;
        this.allowedOutputs = allowedOutputs;
        this.inputFiles = inputFiles;
        this.inputHashes = inputHashes;
        this.context = context;
    }

    void cancel() {
        cancelled.countDown();
    }

    @Override
    public UUID jobId() {
        return UUID.fromString("00000000-0000-0000-0000-000000000001");
    }

    @Override
    public UUID labId() {
        return UUID.fromString("00000000-0000-0000-0000-000000000002");
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public <P extends JobPayload> P payload(Class<P> type) {
        return json.convertValue(payload, type);
    }

    @Override
    public void progress(JobProgress p) {
        progress.add(p);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    @Override
    public void checkCancelled() throws JobCancelledException {
        if (isCancelled()) {
            throw new JobCancelledException("cancelled by the test");
        }
    }

    @Override
    public void sleep(Duration duration) throws JobCancelledException, InterruptedException {
        if (cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new JobCancelledException("cancelled by the test");
        }
    }

    @Override
    public OutputWriter outputs() {
        return new OutputWriter() {
            @Override
            public Set<String> allowed() {
                return allowedOutputs;
            }

            @Override
            public void write(String name, byte[] content) {
                if (!allowedOutputs.contains(name)) {
                    throw new IllegalArgumentException(name);
                }
                outputs.put(name, content.clone());
            }

            @Override
            public OutputStream open(String name) {
                if (!allowedOutputs.contains(name)) {
                    throw new IllegalArgumentException(name);
                }
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        outputs.put(name, toByteArray());
                    }
                };
            }

            @Override
            public Path file(String name) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Override
    public Map<String, String> inputs() {
        Map<String, String> names = new java.util.TreeMap<>();
        inputFiles.keySet().forEach(name -> names.put(name, "file:" + name));
        return names;
    }

    @Override
    public Map<String, String> inputHashes() {
        return inputHashes;
    }

    @Override
    public Map<String, Object> context() {
        return context;
    }

    /**
     * From now on {@link #input} behaves like a download through the worker's cache: a listed input whose file is
     * gone answers the store's 404 (wrapped as {@code RunningJob} does), one whose bytes do not have the hash asked
     * for throws {@link ContentCache.IntegrityException}.
     */
    FakeJobContext downloading() {
        downloading = true;
        return this;
    }

    @Override
    public Path input(String name, String sha256) throws IOException {
        Path file = inputFiles.get(name);
        if (file == null) {
            throw new IllegalArgumentException("no input " + name);
        }
        if (downloading) {
            if (!Files.exists(file)) {
                throw new IOException("gone", new ApiCallException("download of input " + name, 404, null,
                        "NoSuchKey", null));
            }
            try {
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file)));
                if (!actual.equals(sha256)) {
                    throw new ContentCache.IntegrityException("Downloaded content has SHA-256 " + actual
                            + ", not the expected " + sha256 + "; it was discarded");
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }

    @Override
    public ContentCache cache() {
        throw new UnsupportedOperationException();
    }
}
