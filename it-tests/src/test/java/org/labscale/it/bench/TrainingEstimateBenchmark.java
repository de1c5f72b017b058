package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;

/**
 * Issue 21's done-when: the cost estimate a TRAINING job's submit answers against the job's real duration on this
 * machine. Submits small training jobs (synthetic nuclei, three 128 x 128 images with 14 nuclei each, or
 * {@code -Dlabscale.bench.estimate.imageSize=256} with as many per area; presets and budgets from
 * {@code -Dlabscale.bench.estimate.runs=preset:patchesPerEpoch:epochs:members,...}, default two runs of the CPU
 * default preset) one after the other to the platform's own CPU worker, and compares {@code estimate.seconds} with
 * the job's {@code startedAt..finishedAt} (and, for reference, submit to finish). The first run of a preset uses the
 * table's figures, a repeat the fixed part and the rate the worker measured on the earlier ones; every row also gives
 * the estimate's fixed part and rate, and what the worker measured on that job (its seconds, of which the optimisation
 * steps: the job's {@code result.trainingSeconds} and {@code result.patchLoopSeconds}), the patches it really trained
 * ({@code result.patchesTrained}: small images fill fewer than {@code patchesPerEpoch}) and so the steps' real rate, and
 * what else ran meanwhile: the worker's CPU seconds against the rest of the machine's ({@link ProcessCpu}) and the load
 * average at the job's end. Results are printed and written to
 * {@code it-tests/target/benchmarks/estimate.md}. A benchmark, not a timed test: it asserts only that the jobs succeeded
 * and carried an estimate.
 */
class TrainingEstimateBenchmark {

    @Test
    void estimateAgainstTheRealDuration() throws Exception {
        String runs = System.getProperty("labscale.bench.estimate.runs",
                "nuclear-net-fast:2000:2:2,nuclear-net-fast:2000:2:2");
        LocalPlatform platform = LocalPlatform.get();
        Person user = Lab.person(platform, "Estimator");
        UUID lab = Lab.createLab(user, "Estimate lab");
        UUID project = Lab.createProject(user, lab, "Discs");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        int side = Integer.getInteger("labscale.bench.estimate.imageSize", 128);
        for (int i = 0; i < 3; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(side, side, 14 * side * side / (128 * 128), 300 + i);
            String image = Lab.uploadImage(user, project, "disc-" + i + ".png", discs.png(), "image/png", Map.of());
            items.add(Map.entry(image, Lab.annotateInstances(user, image, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(user, lab, "discs", items);

        StringBuilder report = new StringBuilder();
        report.append("| preset | patches/epoch x epochs x members | source | estimate: fixed + patches/s |"
                + " estimate: patches | estimate (range) | worker: job s, of which steps | patches trained |"
                + " steps patches/s | CPU s: worker, rest of machine | load (1 min) | real: started..finished |"
                + " submit..finished | real / estimate |\n");
        report.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int n = 0;
        for (String run : runs.split(",")) {
            String[] f = run.split(":");
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
            payload.put("modelName", "estimate-" + n++);
            payload.put("preset", f[0]);
            payload.put("patchesPerEpoch", Integer.parseInt(f[1]));
            payload.put("epochs", Integer.parseInt(f[2]));
            payload.put("ensembleSize", Integer.parseInt(f[3]));
            payload.put("validationFraction", 0.34);
            Map<String, Double> cpuBefore = ProcessCpu.snapshot();
            JsonPath submitted = user.as().body(Map.of("kind", "TRAINING", "payload", payload))
                    .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().jsonPath();
            assertNotNull(submitted.get("estimate"), submitted.prettify());
            Jobs.Ended ended = Jobs.await(user, submitted.getString("id"), Duration.ofMinutes(30));
            assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
            double real = seconds(ended.job(), "startedAt", "finishedAt");
            double total = seconds(ended.job(), "createdAt", "finishedAt");
            long estimate = submitted.getLong("estimate.seconds");
            double jobSeconds = ended.job().getDouble("result.trainingSeconds");
            double loopSeconds = ended.job().getDouble("result.patchLoopSeconds");
            long trained = ended.job().getLong("result.patchesTrained");
            Map<String, Double> cpu = ProcessCpu.perJob(cpuBefore, ProcessCpu.snapshot(), 1);
            double worker = cpu.getOrDefault("gpu-worker", 0.0) / 1000;
            report.append(String.format(Locale.ROOT, "| %s | %s x %s x %s | %s | %.0f s + %.0f/s | %d |"
                            + " %d s (%d-%d) | %.0f s, %.0f s | %d | %.0f | %.0f, %.0f | %s | %.0f s | %.0f s |"
                            + " %.2f |%n", f[0], f[1], f[2], f[3], submitted.getString("estimate.rateSource"),
                    submitted.getDouble("estimate.fixedSeconds"), submitted.getDouble("estimate.patchesPerSecond"),
                    submitted.getLong("estimate.patches"), estimate, submitted.getLong("estimate.minSeconds"),
                    submitted.getLong("estimate.maxSeconds"), jobSeconds, loopSeconds, trained,
                    trained / Math.max(1, loopSeconds), worker, cpu.getOrDefault(ProcessCpu.MACHINE, 0.0) / 1000
                            - worker, Files.readString(Path.of("/proc/loadavg")).split(" ")[0], real, total,
                    real / estimate));
        }
        report.append(String.format(Locale.ROOT, "%nImages: 3 x %d x %d; available processors: %d; load average at the"
                + " end: %s%n", side, side, Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "estimate.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static double seconds(JsonPath job, String from, String to) {
        return Duration.between(Instant.parse(job.getString(from)), Instant.parse(job.getString(to))).toMillis()
                / 1000.0;
    }
}
