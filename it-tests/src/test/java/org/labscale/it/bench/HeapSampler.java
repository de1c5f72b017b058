package org.labscale.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a Quarkus app's heap from its Prometheus endpoint every 100 ms on a daemon thread, keeping two peaks: all of
 * the heap in use ({@code jvm_memory_used_bytes{area="heap"}}, short-lived garbage included, so it depends on when
 * the collector runs) and the old generation ({@code id} "G1 Old Gen" or "Tenured Gen"), where anything an upload
 * held on to (a buffered body) would accumulate.
 */
final class HeapSampler implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String metricsUrl;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong oldPeak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Samples the Prometheus text at {@code metricsUrl} (the app's {@code /q/metrics}). */
    HeapSampler(String metricsUrl) {
        this.metricsUrl = metricsUrl;
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
    }

    /** Heap in use and old generation in use, in bytes. */
    record Sample(long heap, long oldGen) {
    }

    /** The heap now; -1 values when the endpoint could not be read. */
    Sample sample() {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            long old = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    long used = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    sum += used;
                    if (line.contains("Old Gen") || line.contains("Tenured Gen")) {
                        old += used;
                    }
                }
            }
            return new Sample(sum, old);
        } catch (Exception e) {
            return new Sample(-1, -1);
        }
    }

    HeapSampler start() {
        thread.start();
        return this;
    }

    long peak() {
        return peak.get();
    }

    long oldGenPeak() {
        return oldPeak.get();
    }

    private void loop() {
        while (running) {
            Sample now = sample();
            peak.accumulateAndGet(now.heap(), Math::max);
            oldPeak.accumulateAndGet(now.oldGen(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
