package org.labscale.api.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongFunction;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * A request body as a blocking {@link InputStream} for a worker thread, holding at most about
 * {@value #HIGH_WATER_BYTES} bytes of it in the heap: above that the request is paused (the connection stops reading,
 * TCP slows the client down), and it is resumed once the reader has drained the queue below {@value #LOW_WATER_BYTES}.
 *
 * <p>Why our own and not Quarkus REST's {@code InputStream} entity: that one asks for one chunk at a time
 * ({@code fetch(1)}) but never pauses the request itself, so if anything puts the request back into flowing mode
 * every chunk is queued. This one pauses on every chunk while its queue is over the mark, whoever resumed the request
 * ({@code RequestBodyStreamTest} resumes it behind its back). It bounds the heap over HTTP/1.1 and HTTP/2 with flow
 * control; the body of an h2c upgrade request escapes any pause, hence {@code Http1ForCleartext}.
 *
 * <p>At most {@code limit} bytes are read; beyond that {@code tooLarge} is thrown with the count so far (a chunked
 * body has no Content-Length for {@code UploadSizeFilter} to refuse early). A client silent for {@code idleTimeout},
 * or gone, ends the read with an {@link IOException}. Close it when done, also after a failure.
 */
public final class RequestBodyStream extends InputStream {

    static final int HIGH_WATER_BYTES = 1 << 20;
    static final int LOW_WATER_BYTES = 256 << 10;

    private final HttpServerRequest request;
    private final Context context;
    private final long limit;
    private final LongFunction<? extends RuntimeException> tooLarge;
    private final long idleTimeoutMillis;

    // Guarded by "this": filled on the event loop, drained on the worker.
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queued;
    private long peakQueued;
    private boolean paused;
    private boolean ended;
    private boolean discarding;
    private Throwable failure;

    // Only the reader's.
    private Buffer current;
    private int position;
    private long read;

    /**
     * Starts taking the body of {@code request}; call on the thread that will read.
     *
     * @param limit    the most bytes accepted
     * @param tooLarge the exception for a body over {@code limit}, given the bytes read so far
     */
    public RequestBodyStream(HttpServerRequest request, long limit, LongFunction<? extends RuntimeException> tooLarge,
                             Duration idleTimeout) {
        this.request = request;
        this.context = ((HttpServerRequestInternal) request).context();
        this.limit = limit;
        this.tooLarge = tooLarge;
        this.idleTimeoutMillis = idleTimeout.toMillis();
        synchronized (this) {
            paused = true;
        }
        request.pause();
        if (request.isEnded()) {
            synchronized (this) {
                ended = true;
            }
            return;
        }
        request.handler(this::receive);
        request.endHandler(v -> end(null));
        request.exceptionHandler(this::end);
        context.runOnContext(v -> resumeIfDrained());
    }

    // receive and resumeIfDrained run on the request's event loop only, so that a pause and a resume cannot
    // overtake each other between the flag and the call (which left the request paused with the flag saying not).

    private void receive(Buffer chunk) {
        boolean pause;
        synchronized (this) {
            if (discarding) {
                return;
            }
            queue.add(chunk);
            queued += chunk.length();
            peakQueued = Math.max(peakQueued, queued);
            // Pause on every chunk over the mark, not only the first: something else may have resumed the request.
            pause = queued >= HIGH_WATER_BYTES;
            if (pause) {
                paused = true;
            }
            notifyAll();
        }
        if (pause) {
            request.pause();
        }
    }

    private void resumeIfDrained() {
        synchronized (this) {
            if (!paused || ended || (!discarding && queued > LOW_WATER_BYTES)) {
                return;
            }
            paused = false;
        }
        request.resume();
    }

    /** The most bytes ever queued; for tests. */
    synchronized long peakQueued() {
        return peakQueued;
    }

    private synchronized void end(Throwable t) {
        if (t != null && failure == null) {
            failure = t;
        }
        ended = true;
        notifyAll();
    }

    /** The next chunk with unread bytes, or false at the end of the body. */
    private boolean next() throws IOException {
        if (current != null && position < current.length()) {
            return true;
        }
        boolean wake;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + idleTimeoutMillis;
            while (queue.isEmpty() && !ended) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IOException("no data from the client for " + idleTimeoutMillis / 1000 + " s");
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            if (queue.isEmpty()) {
                if (failure != null) {
                    throw new IOException(failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                            failure);
                }
                return false;
            }
            current = queue.poll();
            position = 0;
            queued -= current.length();
            wake = paused && queued <= LOW_WATER_BYTES;
        }
        if (wake) {
            context.runOnContext(v -> resumeIfDrained());
        }
        return true;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw tooLarge.apply(read);
        }
    }

    @Override
    public int read() throws IOException {
        while (next()) {
            if (position < current.length()) {
                count(1);
                return current.getByte(position++) & 0xFF;
            }
        }
        return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (next()) {
            int n = Math.min(len, current.length() - position);
            if (n > 0) {
                current.getBytes(position, position + n, b, off);
                position += n;
                count(n);
                return n;
            }
        }
        return -1;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /**
     * Lets the rest of the body, if any, flow past unread (the closing CRLF after the last boundary, or everything
     * after a refusal): a request left paused would keep the client from sending the rest and from reading the answer.
     */
    @Override
    public void close() {
        synchronized (this) {
            discarding = true;
            queue.clear();
            queued = 0;
            if (ended) {
                return;
            }
        }
        context.runOnContext(v -> resumeIfDrained());
    }
}
