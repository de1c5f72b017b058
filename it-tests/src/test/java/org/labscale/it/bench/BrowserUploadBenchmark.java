package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.ui.Browser;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ProjectPage;
import org.labscale.it.ui.pages.ProjectPage.Outcome;
import org.labscale.it.ui.pages.ProjectPage.UploadProgress;

/**
 * Issue 17's browser upload: {@code -Dlabscale.bench.browserupload.files} (200) different 16-bit TIFFs of 2048 x 1024
 * pixels (4 MiB each) dropped at once on a project page's uploader in Chromium, through the real path (browser ->
 * web UI, which receives each into a temporary file -> API -> object store). Reports the time until every file has
 * its outcome, what the browser showed meanwhile (per-file progress bars part-way, the overall count), the web UI
 * process's resident memory before and at its peak ({@code VmHWM}), and the API's heap while it stored them.
 * Results are printed and written to {@code it-tests/target/benchmarks/browser-upload.md}. A benchmark, not a timed
 * test: it asserts only that every file was stored and that progress was shown.
 */
class BrowserUploadBenchmark {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final long MIB = 1024 * 1024;
    private static final int WIDTH = 2048;
    private static final int HEIGHT = 1024;
    private static final long STALLED_NANOS = 90_000_000_000L;

    @Test
    void twoHundredFilesOfFourMegabytesFromTheBrowser() throws Exception {
        int count = Integer.getInteger("labscale.bench.browserupload.files", 200);
        LocalPlatform platform = LocalPlatform.get();
        Person user = Lab.person(platform, "Upload Benchmarker");
        UUID lab = Lab.createLab(user, "Upload lab");
        UUID project = Lab.createProject(user, lab, "Many files");
        Path dir = Files.createTempDirectory("labscale-browser-upload");
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "tile-%03d.tif", i));
                LargeTiffWriter.write(file, WIDTH, HEIGHT, i);
                files.add(file);
            }
            long bytes = Files.size(files.get(0)) * count;
            long ui = webUiPid();
            long uiRssBefore = procStatus(ui, "VmRSS");
            LoginPage.open(browser.driver(), platform.uiUrl()).signIn(user.email(), user.password());
            ProjectPage page = ProjectPage.open(browser.driver(), platform.uiUrl(), lab.toString(),
                    project.toString());
            int maxPartWay = 0;
            int maxUploading = 0;
            List<String> summaries = new ArrayList<>();
            List<Outcome> outcomes;
            String apiHeap;
            long t0;
            try (HeapSampler heap = new HeapSampler(platform.apiMetricsUrl())) {
                HeapSampler.Sample before = heap.sample();
                heap.start();
                t0 = System.nanoTime();
                page.startUpload("dna", "0.5", files);
                String last = "";
                long lastChange = System.nanoTime();
                long lastPrint = 0;
                while ((outcomes = page.outcomes()).size() < count) {
                    UploadProgress progress = page.uploadProgress();
                    String now = outcomes.size() + " outcomes, " + progress;
                    if (!now.equals(last)) {
                        last = now;
                        lastChange = System.nanoTime();
                    } else if (System.nanoTime() - lastChange > STALLED_NANOS) {
                        throw new AssertionError("the upload stalled for 90 s at " + now);
                    }
                    if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                        lastPrint = System.nanoTime();
                        System.out.printf(Locale.ROOT, "%.0f s: %s%n", (lastPrint - t0) / 1e9, now);
                    }
                    maxPartWay = Math.max(maxPartWay, progress.partWay());
                    maxUploading = Math.max(maxUploading, progress.uploading());
                    if (!progress.summary().isBlank() && (summaries.isEmpty()
                            || !summaries.get(summaries.size() - 1).equals(progress.summary()))) {
                        summaries.add(progress.summary());
                    }
                    Thread.sleep(100);
                }
                long peak = Math.max(heap.peak(), before.heap());
                long oldPeak = Math.max(heap.oldGenPeak(), before.oldGen());
                apiHeap = String.format(Locale.ROOT, "API heap %d MiB before, peak %d MiB; old generation %d MiB"
                        + " before, peak %d MiB", before.heap() / MIB, peak / MIB, before.oldGen() / MIB,
                        oldPeak / MIB);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long uiPeak = procStatus(ui, "VmHWM");
            long stored = outcomes.stream().filter(Outcome::stored).count();
            int total = user.as().get("/api/v1/projects/{p}/images?size=1", project).then().statusCode(200)
                    .extract().path("total");
            String report = String.format(Locale.ROOT, """
                    %d files of %.1f MiB (%d x %d 16-bit TIFF, %.0f MiB in all) dropped at once on the project page in \
                    Chromium: every outcome listed after %.1f s (%.1f files/s, %.1f MiB/s); %d stored, %d in the \
                    project.
                    Shown while uploading: at most %d progress bars part-way and %d files uploading at once; the \
                    overall line went through %d values, e.g. "%s".
                    Web UI process resident memory: %d MiB before, peak %d MiB (VmHWM, the process's lifetime peak).
                    %s.
                    Available processors: %d; load average at the end: %s
                    """, count, Files.size(files.get(0)) / (double) MIB, WIDTH, HEIGHT, bytes / (double) MIB, seconds,
                    count / seconds, bytes / (double) MIB / seconds, stored, total, maxPartWay, maxUploading,
                    summaries.size(), summaries.isEmpty() ? "" : summaries.get(summaries.size() / 2),
                    uiRssBefore / MIB, uiPeak / MIB, apiHeap, Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "browser-upload.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            assertEquals(count, stored, outcomes.stream().filter(o -> !o.stored()).limit(3).toList().toString());
            assertEquals(count, total);
            assertTrue(maxPartWay > 0 || maxUploading > 0, "the browser showed upload progress");
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The web UI process this benchmark's platform started (a descendant of this JVM). */
    private static long webUiPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("web-ui/target/quarkus-app"))
                .findFirst().orElseThrow(() -> new AssertionError("no web-ui process below this JVM")).pid();
    }

    /** A size line of {@code /proc/<pid>/status} ("VmRSS", "VmHWM") in bytes. */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}
