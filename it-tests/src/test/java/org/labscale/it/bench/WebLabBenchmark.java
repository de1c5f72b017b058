package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.ui.Browser;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ProjectPage;
import org.labscale.it.ui.pages.ViewerPage;

/**
 * Issue 17's speed targets for the web lab, on the packaged platform: (a) a project of
 * {@code -Dlabscale.bench.weblab.images} (5,000) tiny images, uploaded through the API by 8 threads, and a lab of
 * {@code -Dlabscale.bench.weblab.jobs} (10,000) jobs (one SELF_TEST submitted, the rest cancelled copies made with SQL,
 * the platform's worker stopped): the time of each API call the first screen of the project page and of the jobs
 * page makes, and of the first screen in Chromium, measured inside the page ({@link FirstScreenProbe}: from the
 * navigation's start to the first frame in which the gallery's 24 thumbnails are loaded, or more than 20 cells of the
 * jobs grid show text); (b) a {@code -Dlabscale.bench.weblab.side} (20,000) square 16-bit TIFF: upload, the time until
 * its tile pyramid (built after upload) answers, the time from navigation to the viewer's first tile drawn and to every
 * visible tile drawn, and the API's heap while it serves 400 random tiles of every level. Results are printed and written to
 * {@code it-tests/target/benchmarks/weblab.md}. A benchmark, not a timed test: it asserts only that the calls worked.
 */
class WebLabBenchmark {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final int REPEATS = 5;
    private static final long MIB = 1024 * 1024;
    private static final String SCREEN_HEADER = "| first screen in Chromium | shown in the page, ms from navigation:"
            + " servers fresh (other data); first visit of this data; cached x3 | seen by WebDriver, ms | HTML / load"
            + " event; Vaadin round trips; images: count, first asked-last received (ms from navigation) |\n"
            + "| --- | --- | --- | --- |\n";

    private final StringBuilder report = new StringBuilder();

    @Test
    void firstScreensOfALargeLabAndTheFirstTilesOfAHugeImage() throws Exception {
        int images = Integer.getInteger("labscale.bench.weblab.images", 5_000);
        int jobs = Integer.getInteger("labscale.bench.weblab.jobs", 10_000);
        int side = Integer.getInteger("labscale.bench.weblab.side", 20_000);
        LocalPlatform platform = LocalPlatform.get();
        Person user = Lab.person(platform, "Gallery Benchmarker");
        UUID lab = Lab.createLab(user, "Large lab");
        UUID project = Lab.createProject(user, lab, "Thousands of images");
        UUID other = Lab.createProject(user, lab, "Another project");

        long t0 = System.nanoTime();
        uploadTinyImages(user, project, images);
        uploadTinyImages(user, other, 24);
        report.append(String.format(Locale.ROOT, "%,d images of 16 x 16 pixels uploaded by 8 threads in %.0f s%n",
                images, seconds(t0)));
        platform.stop("gpu-worker");
        try {
            t0 = System.nanoTime();
            fillJobs(platform, user, lab, jobs);
            report.append(String.format(Locale.ROOT, "%,d jobs made in %.0f s%n%n", jobs, seconds(t0)));

            report.append("| API call of a first screen | median ms | max ms (of " + REPEATS + ") |\n| --- | ---: | ---: |\n");
            apiCall(user, "project page: the lab", "/api/v1/labs/" + lab);
            apiCall(user, "project page: the project", "/api/v1/projects/" + project);
            apiCall(user, "project page: gallery page 1 (24, oldest first)", "/api/v1/projects/" + project
                    + "/images?page=0&size=24");
            apiCall(user, "project page: gallery, by name, not annotated, \"img-04\"", "/api/v1/projects/" + project
                    + "/images?page=0&size=24&sort=-name&annotated=false&name=img-04");
            apiCall(user, "project page: gallery, last page by date", "/api/v1/projects/" + project
                    + "/images?page=" + (images / 24) + "&size=24&sort=-date");
            apiCall(user, "jobs page: count", "/api/v1/labs/" + lab + "/jobs?page=0&size=1");
            apiCall(user, "jobs page: first rows (50)", "/api/v1/labs/" + lab + "/jobs?page=0&size=50");

            FirstScreenProbe.install(browser.driver());
            LoginPage.open(browser.driver(), platform.uiUrl()).signIn(user.email(), user.password());
            report.append("\n").append(SCREEN_HEADER);
            browserScreen("project page: 24 thumbnails loaded (cards shown)", "thumbnails", "gallery",
                    () -> openProject(platform, lab, other), () -> openProject(platform, lab, project));
            browserScreen("jobs page: rows shown", "jobRows", null,
                    () -> openJobs(platform, lab, "?kind=SELF_TEST"), () -> openJobs(platform, lab, ""));
        } finally {
            platform.start("gpu-worker");
        }

        hugeImage(platform, user, lab, project, side);
        report.append(String.format(Locale.ROOT, "%nAvailable processors: %d; load average at the end: %s%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "weblab.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static void openProject(LocalPlatform platform, UUID lab, UUID project) {
        ProjectPage page = ProjectPage.open(browser.driver(), platform.uiUrl(), lab.toString(), project.toString());
        page.galleryRange(24);
        page.waitUntilThumbnailsLoaded();
    }

    private static void openJobs(LocalPlatform platform, UUID lab, String query) {
        browser.driver().get(platform.uiUrl() + "/labs/" + lab + "/jobs" + query);
        waitFor(() -> FirstScreenProbe.shownAt(browser.driver(), "jobRows") >= 0);
    }

    private static void uploadTinyImages(Person user, UUID project, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> Lab.uploadImage(user, project, String.format(Locale.ROOT,
                        "img-%05d.png", n), tinyPng(n), "image/png", Map.of())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] tinyPng(int seed) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One SELF_TEST job through the API, then {@code count - 1} cancelled copies of it (a lab's long history). */
    private static void fillJobs(LocalPlatform platform, Person user, UUID lab, int count) throws Exception {
        String id = user.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 1)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
        try (Connection c = platform.sql(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO job (id, lab_id, kind, payload, priority, state, attempts, max_attempts, requires_gpu,
                                 min_gpu_memory_mb, request_hash, created_by, created_at, next_attempt_at,
                                 finished_at, version)
                SELECT gen_random_uuid(), t.lab_id, t.kind, t.payload, t.priority, 'CANCELLED', 0, t.max_attempts,
                       t.requires_gpu, t.min_gpu_memory_mb, t.request_hash, t.created_by,
                       now() - g * interval '1 second', now(), now(), 0
                FROM job t CROSS JOIN generate_series(1, ?) g
                WHERE t.id = ?""")) {
            s.setInt(1, count - 1);
            s.setObject(2, UUID.fromString(id));
            assertEquals(count - 1, s.executeUpdate());
            c.createStatement().execute("ANALYZE job");
        }
    }

    private void apiCall(Person user, String what, String path) {
        user.as().get(path).then().statusCode(200); // warm-up
        double[] ms = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t0 = System.nanoTime();
            user.as().get(path).then().statusCode(200);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", what, ms[REPEATS / 2], ms[REPEATS - 1]));
    }

    /**
     * Opens a first screen 5 times: once {@code other} (the same page on other data: the first time the servers and
     * the browser run this page at all), then {@code open} 4 times, the first with the page's data not yet in the
     * browser's cache, as a user's first visit of it after signing in meets it (Vaadin's bundle cached from the sign-in
     * page, the servers warm from other users), the others with it cached. Reports the moment {@code screen} (and
     * {@code also}, in brackets, when not null) was shown in the page (see {@link FirstScreenProbe}), what WebDriver
     * saw from outside, and the phases.
     */
    private void browserScreen(String what, String screen, String also, Runnable other, Runnable open) {
        List<String> shown = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser.driver().get("about:blank");
            long t0 = System.nanoTime();
            (i == 0 ? other : open).run();
            runs.add(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e6));
            waitFor(() -> FirstScreenProbe.shownAt(browser.driver(), screen) >= 0);
            shown.add(FirstScreenProbe.ms(FirstScreenProbe.shownAt(browser.driver(), screen)) + (also == null ? ""
                    : " (" + FirstScreenProbe.ms(FirstScreenProbe.shownAt(browser.driver(), also)) + ")"));
            phases.add(FirstScreenProbe.phases(browser.driver()));
        }
        report.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT,
                        "fresh %s; first visit **%s**; cached %s", shown.get(0), shown.get(1),
                        String.join(", ", shown.subList(2, shown.size())))).append(" | ")
                .append(String.join(", ", runs)).append(" | ").append(String.join(" <br> ", phases)).append(" |\n");
    }

    private void hugeImage(LocalPlatform platform, Person user, UUID lab, UUID project, int side) throws Exception {
        Path tiff = Files.createTempFile("labscale-weblab", ".tif");
        try {
            LargeTiffWriter.write(tiff, 4096, 4096);
            String other = JsonPath.from(UploadBenchmark.multipart(platform, user, project, tiff)).getString("id");
            awaitPyramid(user, other);
            LargeTiffWriter.write(tiff, side, side);
            long t0 = System.nanoTime();
            String image = JsonPath.from(UploadBenchmark.multipart(platform, user, project, tiff)).getString("id");
            double upload = seconds(t0);
            t0 = System.nanoTime();
            awaitPyramid(user, image);
            double pyramid = seconds(t0);
            report.append(String.format(Locale.ROOT, "%n%,d x %,d 16-bit TIFF (%.2f GiB): upload %.1f s; the first tile"
                    + " answered %.1f s after the upload's answer (pyramid built in the background)%n%n", side, side,
                    Files.size(tiff) / (double) (1024 * MIB), upload, pyramid));

            report.append(SCREEN_HEADER);
            browserScreen("viewer of the huge image: first tile drawn (every visible tile drawn)", "firstTile",
                    "allTiles", () -> ViewerPage.open(browser.driver(), platform.uiUrl(), lab.toString(), other)
                            .waitForTiles(), () -> ViewerPage.open(browser.driver(), platform.uiUrl(),
                            lab.toString(), image).waitForTiles());
            report.append("\n");

            try (HeapSampler heap = new HeapSampler(platform.apiMetricsUrl())) {
                HeapSampler.Sample before = heap.sample();
                heap.start();
                t0 = System.nanoTime();
                int tiles = randomTiles(user, image, side, 400);
                long peak = Math.max(heap.peak(), before.heap());
                long oldPeak = Math.max(heap.oldGenPeak(), before.oldGen());
                report.append(String.format(Locale.ROOT, "%d random tiles of every level (4 threads) in %.1f s; API"
                                + " heap %d MiB before, peak %d MiB (growth %d MiB); old generation %d MiB before, peak"
                                + " %d MiB (growth %d MiB)%n", tiles, seconds(t0), before.heap() / MIB, peak / MIB,
                        (peak - before.heap()) / MIB, before.oldGen() / MIB, oldPeak / MIB,
                        (oldPeak - before.oldGen()) / MIB));
            }
        } finally {
            Files.deleteIfExists(tiff);
        }
    }

    /** Waits until the image's pyramid, built after upload, serves a tile (503 meanwhile). */
    private static void awaitPyramid(Person user, String image) throws InterruptedException {
        while (user.as().get("/api/v1/images/{id}/tiles/0/0/0.png", image).then().extract().statusCode() != 200) {
            Thread.sleep(200);
        }
    }

    /** {@code count} tiles at random places of random levels, by 4 threads; answers how many were served. */
    private static int randomTiles(Person user, String image, int side, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(17);
            int maxLevel = 0;
            while ((side + (1 << maxLevel) - 1) >> maxLevel > 256) {
                maxLevel++;
            }
            for (int i = 0; i < count; i++) {
                int level = random.nextInt(maxLevel + 1);
                int tiles = (((side + (1 << level) - 1) >> level) + 255) / 256;
                int x = random.nextInt(tiles);
                int y = random.nextInt(tiles);
                done.add(pool.submit(() -> user.as().get("/api/v1/images/{id}/tiles/{l}/{x}/{y}.png", image, level,
                        x, y).then().statusCode(200)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return done.size();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show its first screen within a minute");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the first screen", e);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
