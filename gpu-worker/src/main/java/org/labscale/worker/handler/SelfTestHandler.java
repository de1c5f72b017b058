package org.labscale.worker.handler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.SelfTestPayload;

/**
 * The diagnostic job ({@link SelfTestPayload}): {@code steps} steps of {@code stepMillis} each, progress after every
 * step ({@code step/steps}, "step i of n", metric {@code step = i}), then the result
 * {@code {"checksum": SelfTestPayload.checksum(seed, steps), "steps": steps}}, also stored as the {@code result}
 * output object (the same JSON). With {@code failAtStep} it does that step's work and then fails, retryably, with
 * {@code self-test.requested-failure}. It touches no lab data, so it proves lease, heartbeats, upload and completion
 * on a new worker.
 */
@ApplicationScoped
public class SelfTestHandler implements JobHandler {

    static final String RESULT = "result";

    private final ObjectMapper json;

    @Inject
    public SelfTestHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public JobKind kind() {
        return JobKind.SELF_TEST;
    }

    @Override
    public Map<String, Object> run(JobContext context) throws Exception {
        SelfTestPayload p = context.payload(SelfTestPayload.class).withDefaults();
        int steps = p.steps();
        Duration step = Duration.ofMillis(p.stepMillis());
        for (int i = 1; i <= steps; i++) {
            context.checkCancelled();
            context.sleep(step);
            if (p.failAtStep() != null && p.failAtStep() == i) {
                throw new JobFailedException("self-test.requested-failure", "The self-test failed at step " + i
                        + " of " + steps + " because its payload asked for it (failAtStep).", true);
            }
            context.progress(new JobProgress((double) i / steps, "step " + i + " of " + steps,
                    Map.of("step", (double) i)));
        }
        context.checkCancelled();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checksum", SelfTestPayload.checksum(p.seed(), steps));
        result.put("steps", steps);
        context.outputs().write(RESULT, json.writeValueAsBytes(result));
        return result;
    }
}
