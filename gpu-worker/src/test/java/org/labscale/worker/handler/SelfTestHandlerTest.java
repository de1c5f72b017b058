package org.labscale.worker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobProgress;

class SelfTestHandlerTest {

    final ObjectMapper json = new ObjectMapper();
    final SelfTestHandler handler = new SelfTestHandler(json);

    @Test
    void shouldReportEveryStepThenTheChecksumAsResultAndOutput() throws Exception {
        FakeJobContext ctx = new FakeJobContext(Map.of("steps", 3, "stepMillis", 0, "seed", "abc"), Set.of("result"));
        Map<String, Object> result = handler.run(ctx);

        // printf 'labscale-self-test/1\nabc\n3' | sha256sum
        String checksum = "7dd0acefb3e638bceb9c2c86012a83c78c8c3d3e7e7eb8be7fefe3f9576bdf3f";
        assertEquals(Map.of("checksum", checksum, "steps", 3), result);
        assertEquals(List.of(
                new JobProgress(1.0 / 3, "step 1 of 3", Map.of("step", 1.0)),
                new JobProgress(2.0 / 3, "step 2 of 3", Map.of("step", 2.0)),
                new JobProgress(1.0, "step 3 of 3", Map.of("step", 3.0))), ctx.progress);
        Map<String, Object> stored = json.readValue(ctx.outputs.get("result"), new TypeReference<>() { });
        assertEquals(result, stored, "the result object's bytes are the same JSON");
    }

    @Test
    void shouldUseThePayloadDefaults() throws Exception {
        FakeJobContext ctx = new FakeJobContext(Map.of("stepMillis", 0), Set.of("result"));
        Map<String, Object> result = handler.run(ctx);
        assertEquals(3, result.get("steps"));
        assertEquals(org.labscale.shared.job.SelfTestPayload.checksum("", 3), result.get("checksum"));
    }

    @Test
    void shouldFailAtTheRequestedStepRetryably() {
        FakeJobContext ctx = new FakeJobContext(Map.of("steps", 5, "stepMillis", 0, "failAtStep", 2), Set.of("result"));
        JobFailedException e = assertThrows(JobFailedException.class, () -> handler.run(ctx));
        assertEquals("self-test.requested-failure", e.code());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("step 2 of 5"), e.getMessage());
        assertEquals(1, ctx.progress.size(), "step 1 reported, step 2 failed");
        assertTrue(ctx.outputs.isEmpty(), "no result stored");
    }

    @Test
    void shouldStopPromptlyInTheMiddleOfALongStepWhenCancelled() throws Exception {
        FakeJobContext ctx = new FakeJobContext(Map.of("steps", 10, "stepMillis", 60_000), Set.of("result"));
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                handler.run(ctx);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(200);
        long t0 = System.nanoTime();
        ctx.cancel();
        Throwable outcome = ended.get(5, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(outcome instanceof JobCancelledException, String.valueOf(outcome));
        assertTrue(tookMs < 1000, "stopped " + tookMs + " ms after the cancel, within a one-minute step");
        assertTrue(ctx.progress.isEmpty());
        assertTrue(ctx.outputs.isEmpty());
    }
}
