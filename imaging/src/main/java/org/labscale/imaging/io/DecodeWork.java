package org.labscale.imaging.io;

import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import static org.labscale.imaging.io.FileBytes.n;

/**
 * The work one open image has cost so far: bytes of pixel data decoded, and the CPU time of the decoding
 * thread, which must stay within {@link ImageLimits#maxDecodeTime()}. CPU time rather than wall time, so that a busy
 * machine does not refuse an upload that an idle one accepts; where the JVM cannot measure thread CPU time, wall time
 * is used instead.
 *
 * <p>{@link #decodedBytes()} is also how tests prove that decoding is one pass (linear), without timing anything.
 * Not thread-safe: it measures the thread that decodes.
 */
final class DecodeWork {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ImageFormat format;
    private final long maxNanos;
    private final boolean cpu;
    private long spentNanos;
    private long since;
    private long decoded;

    DecodeWork(ImageFormat format, Duration maxDecodeTime) {
        this.format = format;
        this.maxNanos = maxDecodeTime.toNanos();
        this.cpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** Starts (or resumes) counting time on the calling thread. */
    void start() {
        since = now();
    }

    /** Stops counting time, keeping what was spent; the next {@link #start()} resumes. */
    void stop() {
        spentNanos += now() - since;
    }

    /** Records {@code bytes} more bytes of pixel data decoded (decompressed, or read as is when uncompressed). */
    void decoded(long bytes) {
        decoded += bytes;
    }

    /**
     * Bytes of pixel data decoded for this image so far, including any decoded twice: for a PNG the inflated rows
     * with their filter bytes, for a TIFF the decompressed strips or tiles.
     */
    long decodedBytes() {
        return decoded;
    }

    /**
     * Refuses the image once decoding has used more than its time budget.
     *
     * @param where what was being decoded, for the message
     */
    void check(String where) throws ImageRejectedException {
        long spent = spentNanos + now() - since;
        if (spent > maxNanos) {
            throw new ImageRejectedException(RejectionCode.TOO_COSTLY, "Decoding the " + format + " took more than "
                    + seconds(maxNanos) + " of processing time (stopped at " + where + "); at most "
                    + seconds(maxNanos) + " are allowed per upload. Split the image or store it uncompressed.");
        }
    }

    private long now() {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s >= 1 ? n(s) + " s" : n(nanos / 1_000_000L) + " ms";
    }
}
