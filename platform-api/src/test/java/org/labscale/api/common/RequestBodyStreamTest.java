package org.labscale.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x server whose handler reads the body on a worker, slower than the client sends: the queue must stay
 * near {@link RequestBodyStream#HIGH_WATER_BYTES} however large the body.
 */
class RequestBodyStreamTest {

    static final long BODY = 48L << 20;
    static final long LIMIT = 40L << 20;

    static Vertx vertx;
    static HttpServer server;
    static final AtomicLong peak = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // HTTP/1.1 as the API serves it (see Http1ForCleartext): an h2c upgrade body bypasses any pause.
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(request -> {
            request.pause();
            long limit = request.path().equals("/limited") ? LIMIT : Long.MAX_VALUE;
            // Something else resuming the request behind the reader's back (a framework's wrapper) must not undo the bound.
            long timer = request.path().equals("/meddled") ? vertx.setPeriodic(3, id -> {
                if (!request.isEnded()) {
                    request.resume();
                }
            }) : -1;
            vertx.executeBlocking(() -> {
                RequestBodyStream body = new RequestBodyStream(request, limit,
                        n -> new IllegalStateException("over the limit at " + n), Duration.ofSeconds(20));
                long count = 0;
                try (body) {
                    byte[] buffer = new byte[64 << 10];
                    int n;
                    while ((n = body.read(buffer)) != -1) {
                        count += n;
                        if (count % (1 << 20) < n) {
                            Thread.sleep(10); // a slow disk
                        }
                    }
                    return "read " + count;
                } catch (IllegalStateException e) {
                    return e.getMessage();
                } catch (Exception e) {
                    return e + " after " + count;
                } finally {
                    peak.accumulateAndGet(body.peakQueued(), Math::max);
                }
            }).onComplete(result -> {
                vertx.cancelTimer(timer);
                request.response().end(result.succeeded() ? result.result()
                        : "failed: " + result.cause());
            });
        }).listen(0).toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    static HttpResponse<String> send(String path) throws Exception {
        InputStream zeros = new InputStream() {
            long left = BODY;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + server.actualPort() + path)).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros),
                        BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldKeepTheQueueBoundedWhileAFastClientSendsALargeBody() throws Exception {
        peak.set(0);
        HttpResponse<String> response = send("/all");
        assertEquals("read " + BODY, response.body());
        assertTrue(peak.get() <= RequestBodyStream.HIGH_WATER_BYTES + (256 << 10),
                "at most ~1 MiB queued, not " + peak.get());
    }

    @Test
    void shouldKeepTheQueueBoundedWhenSomethingElseResumesTheRequest() throws Exception {
        peak.set(0);
        HttpResponse<String> response = send("/meddled");
        assertEquals("read " + BODY, response.body());
        assertTrue(peak.get() <= RequestBodyStream.HIGH_WATER_BYTES + (1 << 20),
                "at most ~2 MiB queued, not " + peak.get());
    }

    @Test
    void shouldStopAtTheLimitAndStillAnswer() throws Exception {
        HttpResponse<String> response = send("/limited");
        assertEquals(200, response.statusCode(), "answered although the body was not read to its end");
        long at = Long.parseLong(response.body().replace("over the limit at ", ""));
        assertTrue(at > LIMIT && at <= LIMIT + (64 << 10), response.body());
    }
}
