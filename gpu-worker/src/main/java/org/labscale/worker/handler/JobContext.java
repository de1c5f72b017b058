package org.labscale.worker.handler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.labscale.shared.job.JobPayload;
import org.labscale.shared.job.JobProgress;
import org.labscale.worker.cache.ContentCache;

/** What a {@link JobHandler} sees of the job it runs and of the worker around it. */
public interface JobContext {

    UUID jobId();

    UUID labId();

    /** 1 for the first attempt, then 2, ... */
    int attempt();

    /** The payload bound to its record (the API filled in its defaults). */
    <P extends JobPayload> P payload(Class<P> type);

    /**
     * Publishes progress. It goes to the API in a heartbeat at once, but not more often than
     * {@code labscale.worker.progress-interval}; when reported faster, the latest wins. Never blocks on the network.
     */
    void progress(JobProgress progress);

    /** Whether the worker asked this handler to stop (user cancel, lost lease, shutdown). */
    boolean isCancelled();

    /** Throws when the worker asked this handler to stop; call it between units of work. */
    void checkCancelled() throws JobCancelledException;

    /** Waits like {@code Thread.sleep}, but returns early with {@link JobCancelledException} when asked to stop. */
    void sleep(Duration duration) throws JobCancelledException, InterruptedException;

    /** Where the handler writes the objects the lease lets it store; the worker uploads them after it returns. */
    OutputWriter outputs();

    /** Names of the job's inputs (presigned GET URLs in the lease), e.g. {@code image/<id>}. */
    Map<String, String> inputs();

    /** SHA-256 of each input's content, by input name (from the lease; empty for kinds without hashed inputs). */
    Map<String, String> inputHashes();

    /** The kind-specific facts the API resolved for this lease (e.g. a SEGMENTATION job's model and images). */
    Map<String, Object> context();

    /**
     * A local copy of input {@code name} whose content has SHA-256 {@code sha256}: from the worker's cache, or
     * downloaded into it (and verified) first.
     */
    Path input(String name, String sha256) throws IOException, InterruptedException;

    /** The worker's content cache, for inputs that are not named in the lease (e.g. models fetched by hash). */
    ContentCache cache();
}
