package org.labscale.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a Quarkus app's used heap from its Prometheus endpoint ({@code jvm_memory_used_bytes{area="heap"}})
 * every 100 ms on a daemon thread, keeping the peak.
 */
final class HeapSampler implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String metricsUrl;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(String appUrl) {
        this.metricsUrl = appUrl + "/q/metrics";
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
    }

    /** The used heap now, in bytes. */
    long sample() {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    HeapSampler start() {
        thread.start();
        return this;
    }

    long peak() {
        return peak.get();
    }

    private void loop() {
        while (running) {
            long used = sample();
            peak.accumulateAndGet(used, Math::max);
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
