package org.labscale.api.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BatcherTest {

    /** The batches a work saw, as "key:request,request". */
    private final List<String> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private List<String> work(String key, List<Integer> requests) {
        batches.add(key + ":" + String.join(",", requests.stream().map(String::valueOf).toList()));
        if (batches.size() == 1) {
            await(firstBatchMayEnd);
        }
        if (requests.contains(-1)) {
            throw new IllegalArgumentException("request -1 is refused");
        }
        return requests.stream().map(r -> key + r).toList();
    }

    @Test
    void shouldRunACallAloneWhenNothingElseWaits() {
        firstBatchMayEnd.countDown();
        Batcher<String, Integer, String> batcher = new Batcher<>(2, 8, this::work);
        assertEquals("a1", batcher.submit("a", 1));
        assertEquals("a2", batcher.submit("a", 2));
        assertEquals(List.of("a:1", "a:2"), batches);
    }

    @Test
    void shouldServeTheCallsThatQueuedWhileABatchRanInTheNextBatchInArrivalOrderPerKeyAndSize() throws Exception {
        Batcher<String, Integer, String> batcher = new Batcher<>(1, 3, this::work);
        List<Thread> callers = new ArrayList<>();
        callers.add(call(batcher, "a", 0));
        awaitBatches(1); // the first call holds the only turn until the latch opens
        int[] requests = {1, 2, 3, 4, 5};
        String[] keys = {"a", "b", "a", "a", "a"};
        for (int i = 0; i < requests.length; i++) {
            callers.add(call(batcher, keys[i], requests[i]));
            awaitWaiting(batcher, i + 1);
        }
        firstBatchMayEnd.countDown();
        for (Thread t : callers) {
            t.join(10_000);
        }
        // The turns go in arrival order: the caller of 1 serves a's waiting calls, at most 3 (1, 3, 4); b's caller
        // serves b; 5 was left for a later turn.
        assertEquals(List.of("a:0", "a:1,3,4", "b:2", "a:5"), batches);
        assertEquals(Map.of("0", "a0", "1", "a1", "2", "b2", "3", "a3", "4", "a4", "5", "a5"), answers);
    }

    @Test
    void shouldFailEveryCallOfAFailedBatchWithItsException() throws Exception {
        Batcher<String, Integer, String> batcher = new Batcher<>(1, 8, this::work);
        Thread first = call(batcher, "a", 0);
        awaitBatches(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> refused = new ArrayList<>();
        for (int request : new int[] {7, -1}) {
            Thread t = new Thread(() -> {
                try {
                    batcher.submit("a", request);
                } catch (IllegalArgumentException e) {
                    failures.add(e);
                }
            });
            t.start();
            refused.add(t);
            awaitWaiting(batcher, refused.size());
        }
        firstBatchMayEnd.countDown();
        first.join(10_000);
        for (Thread t : refused) {
            t.join(10_000);
        }
        assertEquals(List.of("a:0", "a:7,-1"), batches);
        assertEquals(2, failures.size());
        assertSame(failures.get(0), failures.get(1));
        assertEquals("request -1 is refused", failures.get(0).getMessage());
        assertEquals("a", batcher.submit("a", 9).substring(0, 1), "a failed batch leaves the batcher usable");
    }

    @Test
    void shouldRefuseSettingsBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new Batcher<String, Integer, String>(0, 1, this::work));
        assertThrows(IllegalArgumentException.class, () -> new Batcher<String, Integer, String>(1, 0, this::work));
    }

    @Test
    void shouldCheckConfiguredSettings() {
        assertEquals(16, Batcher.setting("claim-batch", 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Batcher.setting("claim-batch", 0));
        assertEquals("labscale.jobs.claim-batch must be between 1 and 64, not 0.", e.getMessage());
    }

    private Thread call(Batcher<String, Integer, String> batcher, String key, int request) {
        Thread t = new Thread(() -> answers.put(String.valueOf(request), batcher.submit(key, request)));
        t.start();
        return t;
    }

    private void awaitBatches(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.size() < n) {
            assertTrue(System.nanoTime() < deadline, "expected " + n + " batches, saw " + batches);
            Thread.sleep(1);
        }
    }

    private static void awaitWaiting(Batcher<?, ?, ?> batcher, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batcher.waiting() < n) {
            assertTrue(System.nanoTime() < deadline, "expected " + n + " waiting, not " + batcher.waiting());
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the test never let the first batch end");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
