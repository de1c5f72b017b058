package org.labscale.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import org.labscale.shared.job.WorkerDevice;

/** Every {@code labscale.*} setting of a worker (environment: {@code LABSCALE_API_URL} and so on). */
@ConfigMapping(prefix = "labscale")
public interface WorkerConfig {

    /** The platform API this worker serves. */
    Api api();

    /** This worker node. */
    Worker worker();

    interface Api {
        /** Base URL of the platform API, e.g. {@code http://127.0.0.1:8180}. Workers talk to nothing else. */
        @WithDefault("http://127.0.0.1:8180")
        String url();
    }

    interface Worker {
        /**
         * The worker's own credential ({@code lsw_...}, issued by a lab owner or the platform administrator). Without
         * one the worker leases nothing: it only checks that it reaches the API, and says so in its health.
         */
        Optional<String> token();

        /** Local cache of downloaded models and images (may be shared by several workers on one machine). */
        @WithDefault("${java.io.tmpdir}/labscale-worker-cache")
        Path cacheDir();

        /**
         * Size limit of the cache; the least recently used entries are evicted beyond it (entries used in the last
         * minute are kept, so the cache may briefly exceed it while several jobs fetch at once).
         */
        @WithDefault("20G")
        MemorySize cacheMaxSize();

        /** Where running jobs keep their outputs until they are uploaded (one folder per attempt, deleted after). */
        @WithDefault("${java.io.tmpdir}/labscale-worker-jobs")
        Path workDir();

        /** How often the worker checks it still reaches the API while idle. */
        @WithDefault("PT10S")
        Duration pingInterval();

        /**
         * What this node computes on ({@code LABSCALE_WORKER_DEVICE}: {@code CUDA} or {@code CPU}). Unset: CUDA when
         * {@code nvidia-smi} lists at least one GPU, else CPU.
         */
        Optional<WorkerDevice> device();

        /** GPU memory in MiB to declare; unset: the smallest GPU's memory as {@code nvidia-smi} reports it. */
        Optional<Integer> gpuMemoryMb();

        /** How many jobs run at once (one lease loop each); unset: one per GPU, or 1 on a CPU node. */
        Optional<Integer> slots();

        /** The program asked about GPUs ({@code nvidia-smi --query-gpu=memory.total ...}). */
        @WithDefault("nvidia-smi")
        String nvidiaSmi();

        /** Host name declared at registration; unset: this machine's host name. */
        Optional<String> host();

        /**
         * How long each lease request waits for a job (the long poll; the API caps it at 25 s). A new job still
         * starts at once: the API answers the poll as soon as one is queued. Shorter means a quicker idle shutdown,
         * since a poll in flight is allowed to finish (a job it brings is handed straight back).
         */
        @WithDefault("PT10S")
        Duration leaseWait();

        /** First wait after a failed call to the API; doubled after each further failure, with random jitter. */
        @WithDefault("PT0.5S")
        Duration backoffInitial();

        /** Longest wait between attempts to reach the API. */
        @WithDefault("PT30S")
        Duration backoffMax();

        /**
         * Progress a handler reports is sent at once in a heartbeat, but not more often than this; the latest progress
         * wins when a handler reports faster.
         */
        @WithDefault("PT0.25S")
        Duration progressInterval();

        /**
         * On shutdown (SIGTERM) the worker stops leasing and lets running jobs finish for this long; a job still
         * running then is interrupted and handed back (released) so that it is queued again at once. Keep
         * {@code quarkus.shutdown.timeout} and the orchestrator's grace period longer than this.
         */
        @WithDefault("PT30S")
        Duration shutdownGrace();
    }
}
