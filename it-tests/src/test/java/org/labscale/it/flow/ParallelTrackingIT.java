package org.labscale.it.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.SyntheticSeries;

/**
 * Issue 19: a TRACKING job's frames are segmented in parallel by the workers at hand. With two worker processes (the
 * launcher's and the job worker) the parts of an 8-frame series are leased by both; with the launcher's worker
 * stopped, one worker segments every frame; the two results are byte for byte the same (CTC masks and track file,
 * tables, report).
 */
class ParallelTrackingIT {

    private static final int FRAMES = 8;

    @Test
    void shouldSegmentTheFramesOnBothWorkersAndTrackAsOneWorkerAlone() throws Exception {
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person owner = Lab.person(platform, "Ronald Fisher");
        UUID lab = Lab.createLab(owner, "Fisher Lab");
        String model = tinyModel(owner, lab);
        UUID timelapse = Lab.createProject(owner, lab, "Time-lapse");
        String series = Lab.uploadImage(owner, timelapse, "cells.tif",
                SyntheticSeries.generate(4, 3, FRAMES, 23).tiff(), "image/tiff",
                Map.of("pageMode", "FRAMES", "channelNames", "nuclear"));
        Map<String, Object> payload = Map.of("imageId", series, "modelId", model, "frameIntervalMinutes", 5);
        awaitReady(platform.workerUrls());

        Result both = track(owner, lab, payload);
        List<UUID> workers = partWorkers(platform, both.jobId());
        assertEquals(FRAMES, workers.size(), "one part per frame");
        assertTrue(workers.stream().distinct().count() >= 2, "the frames were segmented by both workers: " + workers);
        assertTrue(both.progress().stream().anyMatch(m -> m.matches("segmented [1-7] of 8 frames")),
                "progress counts the frames done: " + both.progress());

        platform.stop("gpu-worker");
        Result alone;
        try {
            alone = track(owner, lab, payload);
        } finally {
            platform.start("gpu-worker");
        }
        assertEquals(1, partWorkers(platform, alone.jobId()).stream().distinct().count(), "one worker did it all");

        assertEquals(both.outputs().keySet(), alone.outputs().keySet());
        assertTrue(both.outputs().containsKey("ctc/mask007.tif"), both.outputs().keySet().toString());
        for (String name : both.outputs().keySet()) {
            if (!name.endsWith(".png")) { // PNG encoders may stamp; every plotted number is in the CSVs compared
                assertArrayEquals(both.outputs().get(name), alone.outputs().get(name), name);
            }
        }
    }

    private record Result(String jobId, Map<String, byte[]> outputs, List<String> progress) {
    }

    private static Result track(Person owner, UUID lab, Map<String, Object> payload) throws Exception {
        String job = Jobs.submit(owner, lab, "TRACKING", payload, "track-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(owner, job, Duration.ofSeconds(90));
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        Map<String, byte[]> outputs = TrainAndSegmentIT.unzip(owner.raw()
                .get("/api/v1/labs/{lab}/jobs/{j}/outputs.zip", lab, job).then().statusCode(200).extract()
                .asByteArray());
        return new Result(job, outputs, ended.progress());
    }

    /** The worker that ran each part of the job, in frame order. */
    private static List<UUID> partWorkers(LocalPlatform platform, String jobId) throws Exception {
        List<UUID> workers = new ArrayList<>();
        try (Connection c = platform.sql(); PreparedStatement s = c.prepareStatement(
                "SELECT leased_by FROM job WHERE parent_id = ? AND state = 'SUCCEEDED' "
                        + "ORDER BY (payload->>'firstFrame')::int")) {
            s.setObject(1, UUID.fromString(jobId));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    workers.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return workers;
    }

    /** A one-member model trained for a few seconds on synthetic nuclei: good enough to find the discs. */
    private static String tinyModel(Person owner, UUID lab) throws InterruptedException {
        UUID training = Lab.createProject(owner, lab, "Training discs");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(128, 128, 14, 700 + i);
            String image = Lab.uploadImage(owner, training, "train-" + i + ".png", discs.png(), "image/png",
                    Map.of("channelNames", "nuclear"));
            items.add(Map.entry(image, Lab.annotateInstances(owner, image, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(owner, lab, "discs", items);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", "tiny nuclei");
        payload.put("preset", "bacteria-net-fast");
        payload.put("patchesPerEpoch", 500);
        payload.put("epochs", 1);
        payload.put("batchSize", 64);
        payload.put("ensembleSize", 1);
        payload.put("validationFraction", 0.5);
        payload.put("seed", 23);
        Jobs.Ended trained = Jobs.await(owner, Jobs.submit(owner, lab, "TRAINING", payload,
                "train-" + UUID.randomUUID()), Duration.ofMinutes(2));
        assertEquals("SUCCEEDED", trained.state(), trained.job().prettify());
        return trained.job().getString("result.modelId");
    }

    /** Waits until every worker process answers ready (registered with the API). */
    private static void awaitReady(List<String> workerUrls) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Integer> last = new HashMap<>();
        for (String url : workerUrls) {
            while (true) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (java.io.IOException notYet) {
                    status = -1;
                }
                last.put(url, status);
                if (status == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("workers not ready: " + last);
                }
                Thread.sleep(250);
            }
        }
    }
}
