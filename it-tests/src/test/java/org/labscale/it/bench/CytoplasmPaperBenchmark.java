package org.labscale.it.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.PaperTask;
import org.labscale.it.support.PaperTask.Item;
import org.labscale.it.support.PaperTask.Segmented;
import org.labscale.it.support.PaperTask.Tile;
import org.labscale.it.support.PaperTask.Trained;

/**
 * Issue 20's cytoplasm task, as a lab runs it through the API on the paper's own data
 * ({@code ../shared/data/cytoplasm}, skipped without it): a two-channel model (phase + nuclear) is trained on some
 * images of a cell line and segments the others, and the same members are post-processed five ways: THRESHOLD,
 * WATERSHED, ACTIVE_CONTOURS seeded by the nuclei the job finds in the nuclear channel (the default), ACTIVE_CONTOURS
 * seeded by a nuclear model trained on {@code nuclei/nih3t3-hoechst} (Hoechst) and applied to the image's nuclear
 * channel (the paper's route), and the settings the training recommends (a job that gives no post-processing).
 * <ul>
 *   <li>HeLa-S3: trained on set1-set4 (set3 held out by the trainer for the post-processing selection; set2 and set4
 *       show one field, so both train), tested on set5;</li>
 *   <li>MCF10A, one image: cut into four 640 x 540 quadrants, trained on the top two and the bottom-left (held out),
 *       tested on the bottom-right (one fold: the budget has no room to rotate).</li>
 * </ul>
 * Reported per test image and method: mean per-cell Jaccard, object F1 at IoU 0.5, segmented/reference count ratio,
 * the job's seconds per image; per training: wall seconds (submit to end), the worker's seconds and CPU seconds (the
 * worker processes' {@code /proc} time) and the optimisation steps' patches/s. Budget {@code
 * -Dlabscale.bench.paper.budget=preset:patchesPerEpoch:epochs:members[:patch|dense][:batchSize][:unbalanced]}
 * (default cytoplasm-net-fast:4000:2:5; sampling, batch size and class balancing the preset's), several separated
 * by commas to train each on the same uploads (a budget study), seed {@code -Dlabscale.bench.paper.seed} (1),
 * lines {@code -Dlabscale.bench.paper.lines} (hela,mcf10a; also nih3t3: coarse references, reported without a
 * target), post-processings {@code -Dlabscale.bench.paper.methods}
 * (default threshold,watershed,active-contours,nuclear-seeds,recommended; the nuclear model is trained only for
 * nuclear-seeds). Printed and written to {@code it-tests/target/benchmarks/paper-cytoplasm.md}; the first method's
 * outputs (labels and the ensemble's probability maps) to {@code paper-cytoplasm-<line>-<budget>-probabilities.zip}
 * beside it, for offline post-processing studies. A benchmark: it asserts only that the jobs ran.
 */
class CytoplasmPaperBenchmark {

    private static final Map<String, String> PHASE_NUCLEAR = Map.of("0", "phase", "1", "nuclear");
    private static final Duration TRAINING = Duration.ofMinutes(90);
    private static final Duration SEGMENTATION = Duration.ofMinutes(15);

    private final StringBuilder trainings = new StringBuilder();
    private final StringBuilder scores = new StringBuilder();

    @Test
    void cytoplasmOnThePapersData() throws Exception {
        Path cytoplasm = PaperTask.data().resolve("cytoplasm");
        assumeTrue(Files.isDirectory(cytoplasm.resolve("hela-s3")), "no paper data at " + cytoplasm.toAbsolutePath()
                + "; set -Dlabscale.data.dir");
        List<Budget> budgets = Stream.of(System.getProperty("labscale.bench.paper.budget",
                "cytoplasm-net-fast:4000:2:5").split(",")).map(Budget::parse).toList();
        int seed = Integer.getInteger("labscale.bench.paper.seed", 1);
        List<String> lines = List.of(System.getProperty("labscale.bench.paper.lines", "hela,mcf10a").split(","));
        List<Method> methods = Stream.of(System.getProperty("labscale.bench.paper.methods",
                "threshold,watershed,active-contours,nuclear-seeds,recommended").split(","))
                .map(Method::parse).toList();

        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person who = Lab.person(platform, "Paper tasks");
        UUID lab = Lab.createLab(who, "Paper lab");
        UUID project = Lab.createProject(who, lab, "Cytoplasm");
        trainings.append("| model | data | preset, patches x epochs x members | wall s | worker s | worker CPU s |"
                + " steps patches/s | recommended post-processing |\n| --- | --- | --- | ---: | ---: | ---: | ---: |"
                + " --- |\n");
        scores.append("| line | budget | test image | post-processing | per-cell Jaccard | object F1 | count ratio |"
                + " reference cells | s per image |\n| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");

        String nuclearModel = methods.contains(Method.NUCLEAR_SEEDS) ? nuclearModel(who, lab, project, seed) : null;
        if (lines.contains("hela")) {
            Path hela = cytoplasm.resolve("hela-s3");
            List<Item> sets = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                sets.add(PaperTask.upload(who, project, hela.resolve("images/set" + i + ".tif"), "phase,nuclear",
                        hela.resolve("masks/set" + i + ".tif"), "INSTANCE_MASK"));
            }
            String set = PaperTask.trainingSet(who, lab, "HeLa-S3 cells", sets.subList(0, 4), PHASE_NUCLEAR);
            for (Budget budget : budgets) {
                run(who, lab, "HeLa-S3", "set1-4 (set3 held out)", set, sets.get(2), sets.subList(4, 5), budget,
                        seed, methods, nuclearModel);
            }
        }
        if (lines.contains("mcf10a")) {
            Path mcf = cytoplasm.resolve("mcf10a");
            List<Item> quadrants = new ArrayList<>();
            String[] names = {"top-left", "top-right", "bottom-left", "bottom-right"};
            for (int q = 0; q < 4; q++) {
                quadrants.add(PaperTask.uploadTile(who, project, mcf.resolve("images/set1.tif"), "phase,nuclear",
                        mcf.resolve("masks/set1.tif"), new Tile("mcf10a-" + names[q], 640 * (q % 2), 540 * (q / 2),
                                640, 540)));
            }
            String set = PaperTask.trainingSet(who, lab, "MCF10A cells", quadrants.subList(0, 3), PHASE_NUCLEAR);
            for (Budget budget : budgets) {
                run(who, lab, "MCF10A", "3 quadrants (bottom-left held out)", set, quadrants.get(2),
                        quadrants.subList(3, 4), budget, seed, methods, nuclearModel);
            }
        }
        if (lines.contains("nih3t3")) {
            // Coarse references (data README): set2 and set3 as the annotation's own class maps for training (set3
            // held out by the trainer); set1, close to one label per cell, as instances for the score. No target.
            Path nih = cytoplasm.resolve("nih3t3");
            List<Item> sets = new ArrayList<>();
            sets.add(PaperTask.upload(who, project, nih.resolve("images/set1.tif"), "phase,nuclear",
                    nih.resolve("masks/set1.tif"), "INSTANCE_MASK"));
            for (int i = 2; i <= 3; i++) {
                sets.add(PaperTask.upload(who, project, nih.resolve("images/set" + i + ".tif"), "phase,nuclear",
                        nih.resolve("masks/set" + i + "_classmap.png"), "CLASS_MAP"));
            }
            String set = PaperTask.trainingSet(who, lab, "NIH-3T3 cells", sets.subList(1, 3), PHASE_NUCLEAR);
            for (Budget budget : budgets) {
                run(who, lab, "NIH-3T3", "set2-3 class maps (set3 held out)", set, sets.get(2), sets.subList(0, 1),
                        budget, seed, methods, nuclearModel);
            }
        }
        System.out.println(report());
    }

    /** Writes the tables so far (a long budget study can be read while it runs): answers them. */
    private String report() throws IOException {
        String report = "Trainings\n\n" + trainings
                + "\nSegmentation of the held-out images (same members per line and budget)\n\n" + scores;
        Path out = Path.of("target/benchmarks/paper-cytoplasm.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        return report;
    }

    /** A nuclear-net-fast trained on four NIH-3T3 Hoechst images (binary references): the seeds' second source. */
    private String nuclearModel(Person who, UUID lab, UUID project, int seed) throws Exception {
        Path nuclei = PaperTask.data().resolve("nuclei/nih3t3-hoechst");
        List<Item> items = new ArrayList<>();
        for (String name : List.of("dna-0.png", "dna-1.png", "dna-26.png", "dna-27.png")) {
            items.add(PaperTask.upload(who, project, nuclei.resolve("images").resolve(name), "nuclear",
                    nuclei.resolve("masks").resolve(name), "BINARY_MASK"));
        }
        String set = PaperTask.trainingSet(who, lab, "NIH-3T3 nuclei", items, Map.of("0", "nuclear"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("modelName", "nuclei for seeds");
        payload.put("preset", "nuclear-net-fast");
        payload.put("patchesPerEpoch", 4000);
        payload.put("epochs", 2);
        payload.put("ensembleSize", 2);
        payload.put("seed", seed);
        payload.put("validationImageIds", List.of(items.get(3).imageId()));
        long cpu = workerCpuMs();
        Trained trained = PaperTask.train(who, lab, set, payload, TRAINING);
        trainingRow("nuclear seeds", "NIH-3T3 Hoechst dna-0/1/26/27 (dna-27 held out)",
                new Budget("nuclear-net-fast", 4000, 2, 2, null, null, true), trained, workerCpuMs() - cpu);
        return trained.modelId();
    }

    private void run(Person who, UUID lab, String line, String data, String set, Item heldOut, List<Item> test,
                     Budget budget, int seed, List<Method> methods, String nuclearModel) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("modelName", line + " cytoplasm");
        payload.put("preset", budget.preset());
        payload.put("patchesPerEpoch", budget.patches());
        payload.put("epochs", budget.epochs());
        payload.put("ensembleSize", budget.members());
        if (budget.sampling() != null) {
            payload.put("sampling", budget.sampling());
        }
        if (budget.batchSize() != null) {
            payload.put("batchSize", budget.batchSize());
        }
        if (!budget.balanced()) {
            payload.put("balanceClasses", false);
        }
        payload.put("seed", seed);
        payload.put("validationImageIds", List.of(heldOut.imageId()));
        long cpu = workerCpuMs();
        Trained trained = PaperTask.train(who, lab, set, payload, TRAINING);
        trainingRow(line, data, budget, trained, workerCpuMs() - cpu);
        report();

        for (Method method : methods) {
            Map<String, Object> extra = new LinkedHashMap<>();
            boolean keep = method == methods.get(0);
            if (keep) {
                // the maps are kept for offline post-processing studies (segmentation's CytoplasmPostProcessingStudy)
                extra.put("outputs", List.of("LABELS_TIFF", "PROBABILITIES"));
            }
            if (method == Method.NUCLEAR_SEEDS) {
                extra.put("nuclearModelId", nuclearModel);
            }
            long t0 = workerCpuMs();
            List<Segmented> segmented = PaperTask.segment(who, lab, trained.modelId(), test,
                    method.method == null ? null : Map.of("method", method.method), extra, SEGMENTATION);
            double cpuPerImage = (workerCpuMs() - t0) / 1000.0 / test.size();
            if (keep) {
                byte[] zip = who.raw().get("/api/v1/labs/{lab}/jobs/{j}/outputs.zip", lab, segmented.get(0).jobId())
                        .then().statusCode(200).extract().asByteArray();
                Path file = Path.of("target/benchmarks/paper-cytoplasm-" + line.toLowerCase(Locale.ROOT) + "-"
                        + budget.slug() + "-probabilities.zip");
                Files.createDirectories(file.getParent());
                Files.write(file, zip);
            }
            for (Segmented s : segmented) {
                scores.append(String.format(Locale.ROOT,
                        "| %s | %s | %s | %s | %.3f | %.3f | %.2f | %d | %.1f (CPU %.1f) |%n", line, budget,
                        s.name(), method.label, s.score("meanJaccard"), s.score("f1"), s.score("countRatio"),
                        (int) s.score("referenceCells"), s.seconds(), cpuPerImage));
            }
            report();
        }
    }

    private void trainingRow(String model, String data, Budget budget, Trained t, long cpuMs) {
        trainings.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %d | %.0f | %.0f | %s |%n",
                model, data, budget, t.wallSeconds(), t.job().getInt("result.trainingSeconds"), cpuMs / 1000.0,
                t.patchesPerSecond(budget.total()), recommended(t)));
    }

    private static String recommended(Trained t) {
        Object method = t.job().get("result.recommendedPostProcessing.method");
        return method == null ? "none" : method + " t=" + t.job().get(
                "result.recommendedPostProcessing.threshold") + " regrowth " + t.job().get(
                "result.recommendedPostProcessing.regrowth") + " minArea " + t.job().get(
                "result.recommendedPostProcessing.minArea") + " maxArea " + t.job().get(
                "result.recommendedPostProcessing.maxArea") + " minCellProbability " + t.job().get(
                "result.recommendedPostProcessing.minCellProbability");
    }

    /**
     * One training budget: {@code preset:patchesPerEpoch:epochs:members} and optional fields after it, in any order:
     * {@code patch} or {@code dense} (sampling), a number (batch size), {@code unbalanced} (no class balancing); null
     * and true where the preset's defaults apply.
     */
    record Budget(String preset, int patches, int epochs, int members, String sampling, Integer batchSize,
                  boolean balanced) {

        static Budget parse(String text) {
            String[] f = text.trim().split(":");
            if (f.length < 4) {
                throw new IllegalArgumentException("budget " + text
                        + ": expected preset:patchesPerEpoch:epochs:members[:patch|dense][:batchSize][:unbalanced]");
            }
            String sampling = null;
            Integer batch = null;
            boolean balanced = true;
            for (int i = 4; i < f.length; i++) {
                switch (f[i]) {
                    case "patch", "dense" -> sampling = f[i];
                    case "unbalanced" -> balanced = false;
                    default -> batch = Integer.valueOf(f[i]);
                }
            }
            return new Budget(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    sampling, batch, balanced);
        }

        /** Patch-equivalents over all members and epochs. */
        long total() {
            return (long) patches * epochs * members;
        }

        /** For file names: e.g. {@code cytoplasm-net-fast-4000x2x5-dense-256}. */
        String slug() {
            return preset + "-" + patches + "x" + epochs + "x" + members + (sampling == null ? "" : "-" + sampling)
                    + (batchSize == null ? "" : "-" + batchSize) + (balanced ? "" : "-unbalanced");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d x %d x %d%s%s%s", preset, patches, epochs, members,
                    sampling == null ? "" : ", " + sampling, batchSize == null ? "" : " batch " + batchSize,
                    balanced ? "" : ", classes unbalanced");
        }
    }

    /** A post-processing the test images are segmented with; {@code method} null: the model's recommendation. */
    enum Method {
        THRESHOLD("threshold", "THRESHOLD", "THRESHOLD"),
        WATERSHED("watershed", "WATERSHED", "WATERSHED"),
        ACTIVE_CONTOURS("active-contours", "ACTIVE_CONTOURS", "ACTIVE_CONTOURS"),
        NUCLEAR_SEEDS("nuclear-seeds", "ACTIVE_CONTOURS", "ACTIVE_CONTOURS, nuclear-model seeds"),
        RECOMMENDED("recommended", null, "the training's recommendation");

        final String key;
        final String method;
        final String label;

        Method(String key, String method, String label) {
            this.key = key;
            this.method = method;
            this.label = label;
        }

        static Method parse(String key) {
            return Stream.of(values()).filter(m -> m.key.equals(key.trim())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("method " + key + ": one of threshold, watershed, active-contours,"
                            + " nuclear-seeds, recommended"));
        }
    }

    /** CPU milliseconds the worker processes have used so far. */
    private static long workerCpuMs() {
        return Math.round(ProcessCpu.snapshot().getOrDefault("gpu-worker", 0.0));
    }
}
