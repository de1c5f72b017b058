package org.labscale.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code labscale.*} setting of the API (environment: {@code LABSCALE_S3_ENDPOINT} and so on). */
@ConfigMapping(prefix = "labscale")
public interface LabscaleConfig {

    S3 s3();

    Admin admin();

    Auth auth();

    Upload upload();

    Jobs jobs();

    Http http();

    /** The S3 server (MinIO in production, S3Proxy locally). */
    interface S3 {
        /** URL the API reaches the S3 server at, e.g. {@code http://127.0.0.1:8380}. */
        String endpoint();

        /** URL clients reach the S3 server at, for presigned URLs; defaults to {@link #endpoint()}. */
        Optional<String> publicEndpoint();

        /** Access key. */
        String accessKey();

        /** Secret key. */
        String secretKey();

        /** Bucket holding every lab's objects; created at start when missing. */
        @WithDefault("labscale")
        String bucket();

        /** Region used for request signing. */
        @WithDefault("us-east-1")
        String region();

        /** Multipart part size for uploads to S3 (bounds the memory an upload uses), at least 5 MiB. */
        @WithDefault("8388608")
        long partSize();
    }

    /** The first platform administrator, created on the first start. */
    interface Admin {
        /** E-mail address of the first administrator. */
        @WithDefault("admin@labscale.local")
        String email();

        /**
         * Where the generated password is written on first start (readable by the owner only). Without it the
         * password is written to the log once.
         */
        Optional<Path> passwordFile();
    }

    /** Sign-in and tokens. */
    interface Auth {
        /** Lifetime of a session token from {@code POST /api/v1/auth/login}. */
        @WithDefault("PT12H")
        Duration sessionTtl();

        /** Longest lifetime a personal API token may ask for, in days. */
        @WithDefault("365")
        int maxTokenDays();

        /** bcrypt cost factor for stored passwords (2^cost rounds). */
        @WithDefault("12")
        int bcryptCost();

        /** Throttling of failed sign-ins ({@link org.labscale.api.account.service.LoginThrottle}). */
        Throttle throttle();

        /** See {@link Auth#throttle()}. */
        interface Throttle {
            /** Failed sign-ins for one e-mail address before each further one must wait. */
            @WithDefault("5")
            int accountFreeFailures();

            /** Failed sign-ins from one client address before each further one must wait. */
            @WithDefault("20")
            int addressFreeFailures();

            /** The first wait; it doubles with every further failure. */
            @WithDefault("PT1S")
            Duration firstDelay();

            /** The longest wait. */
            @WithDefault("PT15M")
            Duration maxDelay();

            /** Failures are forgotten this long after the last one (a success forgets the e-mail's at once). */
            @WithDefault("PT1H")
            Duration forgetAfter();
        }
    }

    /** Image and annotation uploads. */
    interface Upload {
        /** Largest accepted upload in bytes (default 4 GiB). */
        @WithDefault("4294967296")
        long maxBytes();

        /**
         * How long a presigned upload URL stays valid: S3 checks it when a PUT starts, so it only needs to cover the
         * time between asking for the URL and starting the upload.
         */
        @WithDefault("PT15M")
        Duration presignTtl();

        /**
         * How often expired presigned uploads (and their staged objects) are purged, as a Quarkus scheduler
         * interval such as {@code 5m}; they go 15 minutes after expiry.
         */
        @WithDefault("5m")
        String purgeEvery();

        /**
         * Most processing (CPU) time decoding one uploaded image or annotation may take; beyond it the upload is
         * refused with 422 {@code image.too-costly}. Bounds the work one upload costs an API thread.
         */
        @WithDefault("PT3M")
        Duration maxDecodeTime();

        /**
         * Largest width x height of an uploaded PNG (default 2^30, the per-plane limit; a PNG is one compressed
         * stream, so this may be set lower than TIFF's). Checked from the header: 422 {@code image.too-large}.
         */
        @WithDefault("1073741824")
        long maxPngPixels();

        /**
         * How often staged objects without a pending upload (PUT again to a URL after its upload was completed or
         * purged) are deleted, as a Quarkus scheduler interval ({@code off} disables it); objects younger than 15
         * minutes are left, as a completion may be reading them.
         */
        @WithDefault("10m")
        String stagingSweepEvery();
    }

    /** The job queue and the worker protocol. */
    interface Jobs {
        /** How long a lease lasts without a heartbeat; workers are told to heartbeat every third of it. */
        @WithDefault("PT60S")
        Duration leaseTtl();

        /** Longest a {@code POST /worker/lease} long poll is held open when no job is ready. */
        @WithDefault("PT25S")
        Duration maxLeaseWait();

        /**
         * A waiting long poll looks at the queue at least this often even without a notification (jobs whose retry
         * backoff ends, a notification lost while the listener reconnected).
         */
        @WithDefault("PT2S")
        Duration pollFallback();

        /** Backoff before the first retry; doubled for each further attempt. */
        @WithDefault("PT10S")
        Duration retryBackoff();

        /** Longest backoff between attempts. */
        @WithDefault("PT10M")
        Duration maxRetryBackoff();

        /** How often expired leases are looked for, as a Quarkus scheduler interval ({@code off} disables it). */
        @WithDefault("5s")
        String reapEvery();

        /** Concurrency quota of a lab that has none set by an administrator. */
        @WithDefault("4")
        int defaultMaxRunning();

        /**
         * Longest lifetime of the presigned input and output URLs of a lease. A lease's URLs live as long as its job
         * may run (its kind's {@code limits.max-run-time} plus one {@code lease-ttl}), at most this.
         */
        @WithDefault("PT6H")
        Duration urlTtl();

        /**
         * How long a resolved worker token is cached in memory. Revoking or re-registering a worker through this API
         * process takes effect at once; through another API process (or in SQL) within this time. Zero: no cache.
         */
        @WithDefault("PT5S")
        Duration workerTokenCacheTtl();

        /**
         * How often objects that fenced-out attempts uploaded after their job ended are deleted, as a Quarkus scheduler
         * interval ({@code off} disables it). Jobs that ended within {@code url-ttl} plus {@code lost-output-window}
         * are looked at: a lost attempt's presigned upload URL works until at most {@code url-ttl} after the job ended.
         */
        @WithDefault("10m")
        String lostOutputSweepEvery();

        /** See {@link #lostOutputSweepEvery()}: how long after its URLs expired a job is still swept. */
        @WithDefault("PT1H")
        Duration lostOutputWindow();

        /** A worker counts as alive in {@code labscale_workers_seen} when it called within this time. */
        @WithDefault("PT2M")
        Duration workerSeenWindow();

        /** How often the queue gauges ({@code labscale_queue_depth} and others) are refreshed from the database. */
        @WithDefault("15s")
        String metricsEvery();

        /**
         * How many claim statements run at once in this API process; lease calls that come meanwhile wait in arrival
         * order and are served together by the next ({@link org.labscale.api.job.service.JobClaims}).
         */
        @WithDefault("1")
        int claimConcurrency();

        /**
         * At most this many workers' claims are served by one claim statement (1: one statement per claim); see
         * {@link org.labscale.api.job.service.JobClaims}.
         */
        @WithDefault("16")
        int claimBatch();

        /**
         * How many statements recording completions without outputs run at once in this API process
         * ({@link org.labscale.api.job.service.JobCompletions}).
         */
        @WithDefault("1")
        int completionConcurrency();

        /**
         * At most this many completions without outputs are recorded by one statement (1: one each); see
         * {@link org.labscale.api.job.service.JobCompletions}.
         */
        @WithDefault("16")
        int completionBatch();

        /**
         * A shared-worker token ({@code lsw_...}) the API keeps valid: at every start it creates the shared worker
         * "bootstrap worker", or sets its token hash to this token's SHA-256 (environment
         * {@code LABSCALE_BOOTSTRAP_WORKER_TOKEN}; the launcher passes the local worker's token). Unset: nothing happens.
         */
        Optional<String> bootstrapWorkerToken();

        /** How many threads re-run the claims of waiting long polls that were woken (none is held while waiting). */
        @WithDefault("16")
        int pollThreads();

        /**
         * How often an open live event stream ({@code GET /jobs/{id}/events}) checks that its caller's token is still
         * valid and the caller still a member of the job's lab; it ends when not.
         */
        @WithDefault("PT5S")
        Duration eventsAccessCheck();

        /** What one lab or worker may ask of the queue ({@link org.labscale.api.job.service.JobLimits}). */
        Limits limits();
    }

    /** Limits on jobs and long polls; each refusal names the setting that drew the line. */
    interface Limits {
        /** Longest an attempt may run, by kind: the worker fails it, and the reaper one lease TTL later. */
        MaxRunTime maxRunTime();

        /** At most this many QUEUED jobs per lab; a submit or retry beyond it is refused (429 job.queue-full). */
        @WithDefault("500")
        int maxQueuedPerLab();

        /**
         * The most patches a TRAINING job may push through its nets: patchesPerEpoch x epochs x ensembleSize (the
         * default payload is 100,000 x 10 x 5 = 5,000,000).
         */
        @WithDefault("500000000")
        long maxTrainingPatches();

        /**
         * At most this many long polls ({@code POST /worker/lease}) wait at once for the workers of one lab in this
         * API process; each worker token may hold as many as the slots it registered.
         */
        @WithDefault("128")
        int maxPollsPerLab();
    }

    /** See {@link Limits#maxRunTime()}. */
    interface MaxRunTime {
        /** SELF_TEST: a diagnostic; steps x stepMillis must fit in it. */
        @WithDefault("PT1H")
        Duration selfTest();

        /** SEGMENTATION. */
        @WithDefault("PT6H")
        Duration segmentation();

        /** TRAINING. */
        @WithDefault("PT6H")
        Duration training();

        /** TRACKING: segmenting every frame of a series, then linking. */
        @WithDefault("PT6H")
        Duration tracking();
    }

    /** Limits of the HTTP requests this API reads. */
    interface Http {
        /**
         * Largest request body of every endpoint but the two multipart uploads (those have
         * {@code labscale.upload.max-bytes}): JSON bodies, sign-in included. The default, 4 MiB, holds the largest
         * legitimate body, a training-set version of 10,000 items with channel roles; larger ones get 413 before their
         * body is read.
         */
        @WithDefault("4194304")
        int maxJsonBytes();
    }
}
