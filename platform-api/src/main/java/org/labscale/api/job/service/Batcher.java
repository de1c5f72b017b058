package org.labscale.api.job.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Runs concurrent calls of the same kind as batches: one statement for several callers instead of one each. A call
 * joins the waiting line, then waits for one of {@code concurrency} turns (a fair semaphore: in arrival order). The
 * caller that gets a turn while its own call is still waiting takes it and the calls waiting behind it with the same
 * key, up to {@code maxBatch}, runs them as one batch and hands every caller its result; a caller whose call another
 * turn already took only waits for it. When calls come one at a time each batch holds one call and nothing waits; under
 * load, the calls that queued while a batch ran make up the next one, so the cost per call falls as the load rises.
 *
 * <p>Batches are formed per key (calls that one statement can serve together, e.g. workers offering the same kinds);
 * a failed batch fails each of its calls with the same exception.
 *
 * @param <K> what calls must share to run in one batch
 * @param <Q> one call's request
 * @param <R> one call's result (null allowed)
 */
public final class Batcher<K, Q, R> {

    /** Runs one batch: one result per request, in the same order. */
    @FunctionalInterface
    public interface Work<K, Q, R> {
        List<R> run(K key, List<Q> requests);
    }

    private final Semaphore turns;
    private final int maxBatch;
    private final Work<K, Q, R> work;
    private final ArrayDeque<Call<K, Q, R>> waiting = new ArrayDeque<>(); // guarded by itself

    public Batcher(int concurrency, int maxBatch, Work<K, Q, R> work) {
        if (concurrency < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("concurrency and batch size must be at least 1, not " + concurrency
                    + " and " + maxBatch);
        }
        this.turns = new Semaphore(concurrency, true);
        this.maxBatch = maxBatch;
        this.work = Objects.requireNonNull(work);
    }

    /**
     * A configured concurrency or batch size ({@code labscale.jobs.NAME}), checked: 1 to 64 (a bad one stops the API
     * at start-up).
     */
    public static int setting(String name, int configured) {
        if (configured < 1 || configured > 64) {
            throw new IllegalArgumentException("labscale.jobs." + name + " must be between 1 and 64, not "
                    + configured + ".");
        }
        return configured;
    }

    /** Runs the request in a batch with others of the same key and answers its result. */
    public R submit(K key, Q request) {
        Call<K, Q, R> call = new Call<>(key, request);
        synchronized (waiting) {
            waiting.add(call);
        }
        turns.acquireUninterruptibly();
        try {
            while (!call.result.isDone()) {
                List<Call<K, Q, R>> batch = take(key);
                if (batch.isEmpty()) {
                    break; // another turn took this call and is running it
                }
                run(key, batch);
            }
        } finally {
            turns.release();
        }
        try {
            return call.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Callers waiting for a turn. */
    int waiting() {
        return turns.getQueueLength();
    }

    /** The oldest waiting calls of this key, at most {@code maxBatch}, taken off the line. */
    private List<Call<K, Q, R>> take(K key) {
        List<Call<K, Q, R>> batch = new ArrayList<>();
        synchronized (waiting) {
            for (Iterator<Call<K, Q, R>> it = waiting.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
                Call<K, Q, R> call = it.next();
                if (call.key.equals(key)) {
                    it.remove();
                    batch.add(call);
                }
            }
        }
        return batch;
    }

    private void run(K key, List<Call<K, Q, R>> batch) {
        List<R> results;
        try {
            results = work.run(key, batch.stream().map(c -> c.request).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("BUG: a batch of " + batch.size() + " calls answered "
                        + results.size());
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(c -> c.result.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
        }
    }

    private record Call<K, Q, R>(K key, Q request, CompletableFuture<R> result) {
        Call(K key, Q request) {
            this(key, request, new CompletableFuture<>());
        }
    }
}
