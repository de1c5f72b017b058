package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.it.support.ApiTraining;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.PaperData;
import org.labscale.it.support.PaperData.Planes;

/**
 * Issue 20, cell types: {@code semantic-net(-fast)} trained through the API on separate cultures of NIH-3T3 and
 * MCF10A ({@code ../shared/data/semantic/mcf10a-3t3}: phase + nuclear, class maps 0 background, 1 boundary,
 * 2 NIH-3T3, 3 MCF10A), with the lab's own class names {@code interior:NIH-3T3}, {@code interior:MCF10A}. Split:
 * training on {@code 3t3_set1}, {@code 3t3_set2} and the left half of {@code mcf10a_set1} (cut into two 640 x 540
 * images); {@code 3t3_set2} and the lower MCF10A half-image are held out by the trainer to choose the
 * post-processing. Test: two 640 x 1080 mosaics of never-trained pixels, each four 320 x 540 quadrants taken from the
 * same place of either the right half of {@code mcf10a_set1} or the left 640 columns of {@code 3t3_set3}, in a
 * checkerboard (mosaic A: MCF10A top left and bottom right; mosaic B the other way round), with the class maps
 * built the same way. Reference cells are the 4-connected components of one interior class of at least
 * {@value #MIN_REFERENCE_AREA} px; each is matched to the segmented cell of largest overlap and typed right when
 * that cell's class in the job's {@code cells.csv} is its own. Reports per class the cells typed right, the
 * classification scores of right and wrong ones, the job's own segmentation scores, the job's Fig 5c histogram
 * ({@code figures/cell-type-scores.png}, copied to {@code target/benchmarks/}), and wall and worker CPU seconds.
 * The same test pixels are also segmented as the two single-culture images they come from, to tell a net that
 * cannot type cells from one that is misled by the mosaic (normalisation is per image); the mosaics' cells at least
 * {@value #SEAM_MARGIN} px from every quadrant seam are also counted apart (their receptive field holds one culture,
 * as most cells of a real co-culture's colonies). Budget: {@code -Dbench.preset} (semantic-net-fast),
 * {@code -Dbench.patches} (20,000), {@code -Dbench.epochs} (2), {@code -Dbench.members} (3), {@code -Dbench.seed}
 * (1), {@code -Dbench.normalization} (the preset's, {@code median-local-mean} for semantic nets),
 * {@code -Dbench.contextMixing} (the preset's fraction of context-mixed training patches). Asserts only that
 * the jobs succeeded.
 */
class CellTypeBenchmark {

    static final int MIN_REFERENCE_AREA = 200;
    /** Half the 61 px receptive field: a cell this far from every quadrant seam is seen without the other culture. */
    static final int SEAM_MARGIN = 30;
    private static final Path DATA = PaperData.root().resolve("semantic/mcf10a-3t3");
    private static final List<String> CHANNELS = List.of("phase", "nuclear");
    /** Class-map value to cell type, as the data's README gives them. */
    private static final Map<Integer, String> TYPES = Map.of(2, "NIH-3T3", 3, "MCF10A");

    @Test
    void cellTypesThroughTheApi() throws Exception {
        assumeTrue(PaperData.present(DATA.resolve("images/mcf10a_set1.tif"), DATA.resolve("images/3t3_set3.tif")),
                "semantic data not found at " + DATA.toAbsolutePath() + "; set -Dlabscale.data.dir");
        String preset = System.getProperty("bench.preset", "semantic-net-fast");
        int patches = Integer.getInteger("bench.patches", 20_000);
        int epochs = Integer.getInteger("bench.epochs", 2);
        int members = Integer.getInteger("bench.members", 3);
        int seed = Integer.getInteger("bench.seed", 1);
        String normalization = System.getProperty("bench.normalization", ""); // empty: the preset's default
        String mixing = System.getProperty("bench.contextMixing", ""); // empty: the preset's default

        LocalPlatform platform = LocalPlatform.get();
        Person scientist = Lab.person(platform, "Cell biologist");
        UUID lab = Lab.createLab(scientist, "Co-culture lab");
        UUID project = Lab.createProject(scientist, lab, "NIH-3T3 and MCF10A");
        Planes mcf = PaperData.image(DATA.resolve("images/mcf10a_set1.tif"));
        LabelImage mcfMap = PaperData.mask(DATA.resolve("masks/mcf10a_set1.png"));
        Map<String, String> training = new LinkedHashMap<>();
        List<String> validation = new ArrayList<>();
        for (String name : List.of("3t3_set1", "3t3_set2")) {
            Planes image = PaperData.image(DATA.resolve("images/" + name + ".tif"));
            String[] ids = upload(scientist, project, name, image, PaperData.mask(DATA.resolve("masks/" + name
                    + ".png")));
            training.put(ids[0], ids[1]);
            if (name.equals("3t3_set2")) {
                validation.add(ids[0]);
            }
        }
        int half = mcf.width() / 2;
        for (int part = 0; part < 2; part++) {
            int y0 = mcf.height() * part / 2;
            int h = mcf.height() * (part + 1) / 2 - y0;
            String[] ids = upload(scientist, project, "mcf10a_set1-left-" + part, mcf.crop(0, y0, half, h),
                    PaperData.crop(mcfMap, 0, y0, half, h));
            training.put(ids[0], ids[1]);
            if (part == 1) {
                validation.add(ids[0]);
            }
        }
        String set = ApiTraining.trainingSet(scientist, lab, "separate cultures", training, CHANNELS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", "NIH-3T3 vs MCF10A " + preset);
        payload.put("preset", preset);
        payload.put("classes", List.of("background", "boundary", "interior:" + TYPES.get(2),
                "interior:" + TYPES.get(3)));
        payload.put("patchesPerEpoch", patches);
        payload.put("epochs", epochs);
        payload.put("ensembleSize", members);
        payload.put("seed", seed);
        if (!normalization.isEmpty()) {
            payload.put("normalization", Map.of("method", normalization));
        }
        if (!mixing.isEmpty()) {
            payload.put("augmentation", Map.of("contextMixing", Double.parseDouble(mixing)));
        }
        payload.put("validationImageIds", validation);
        TimedJob trained = TimedJob.run(scientist, lab, "TRAINING", payload, Duration.ofMinutes(40));
        String model = trained.ended().job().getString("result.modelId");
        Map<String, Object> card = scientist.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, model).then()
                .statusCode(200).extract().jsonPath().getMap("card");

        // The test mosaics, from pixels no training image holds.
        Planes t3 = PaperData.image(DATA.resolve("images/3t3_set3.tif")).crop(0, 0, half, mcf.height());
        LabelImage t3Map = PaperData.crop(PaperData.mask(DATA.resolve("masks/3t3_set3.png")), 0, 0, half,
                mcf.height());
        Planes mcfTest = mcf.crop(half, 0, half, mcf.height());
        LabelImage mcfTestMap = PaperData.crop(mcfMap, half, 0, half, mcf.height());
        Map<String, LabelImage> references = new LinkedHashMap<>();
        Map<String, String> testIds = new LinkedHashMap<>();
        for (int variant = 0; variant < 2; variant++) {
            Planes mosaic = Planes.blank(half, mcf.height(), CHANNELS.size());
            int[] map = new int[half * mcf.height()];
            int qw = half / 2;
            int qh = mcf.height() / 2;
            for (int q = 0; q < 4; q++) {
                int qx = (q % 2) * qw;
                int qy = (q / 2) * qh;
                boolean mcfHere = (q == 0 || q == 3) == (variant == 0);
                mosaic.paste((mcfHere ? mcfTest : t3).crop(qx, qy, qw, qh), qx, qy);
                LabelImage from = mcfHere ? mcfTestMap : t3Map;
                for (int y = qy; y < qy + qh; y++) {
                    for (int x = qx; x < qx + qw; x++) {
                        map[y * half + x] = from.get(x, y);
                    }
                }
            }
            LabelImage classMap = LabelImage.of(half, mcf.height(), map);
            String name = "mosaic-" + (char) ('A' + variant);
            testIds.put(name, upload(scientist, project, name, mosaic, classMap)[0]);
            references.put(name, classMap);
        }
        // The same test pixels as whole single-culture images: types on a mosaic against types alone.
        testIds.put("3t3_set3 left 640 columns alone", upload(scientist, project, "3t3-test-alone", t3, t3Map)[0]);
        references.put("3t3_set3 left 640 columns alone", t3Map);
        testIds.put("mcf10a_set1 right half alone", upload(scientist, project, "mcf10a-test-alone", mcfTest,
                mcfTestMap)[0]);
        references.put("mcf10a_set1 right half alone", mcfTestMap);

        List<String> mosaics = testIds.entrySet().stream().filter(e -> e.getKey().startsWith("mosaic"))
                .map(Map.Entry::getValue).toList();
        TimedJob segmented = TimedJob.run(scientist, lab, "SEGMENTATION", Map.of("modelId", model, "imageIds",
                mosaics), Duration.ofMinutes(15));
        TimedJob separately = TimedJob.run(scientist, lab, "SEGMENTATION", Map.of("modelId", model, "imageIds",
                testIds.values().stream().filter(id -> !mosaics.contains(id)).toList()), Duration.ofMinutes(15));
        Map<String, int[]> perType = new LinkedHashMap<>(); // type -> {reference cells, matched, right}, mosaics
        TYPES.values().forEach(t -> perType.put(t, new int[3]));
        Map<String, int[]> alone = new LinkedHashMap<>(); // the same, single-culture images
        TYPES.values().forEach(t -> alone.put(t, new int[3]));
        Map<String, int[]> awayFromSeams = new LinkedHashMap<>(); // the mosaics' cells >= SEAM_MARGIN from a seam
        TYPES.values().forEach(t -> awayFromSeams.put(t, new int[3]));
        int seamX = half / 2;
        int seamY = mcf.height() / 2;
        List<double[]> typed = new ArrayList<>(); // {score, right ? 1 : 0}, mosaics
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s, %,d patches x %d epochs x %d"
                        + " members, seed %d: training %.0f s wall, %.0f s worker CPU; card classes %s, normalisation %s,"
                        + " augmentation %s, post-processing %s%n%n", preset, patches, epochs, members, seed,
                trained.wallSeconds(), trained.workerCpuSeconds(), card.get("classes"), card.get("normalization"),
                ((Map<?, ?>) ((Map<?, ?>) card.get("provenance")).get("hyperParameters")).get("augmentation"),
                card.get("recommendedPostProcessing")));
        report.append("| image | job scores: Jaccard / F1 / count ratio (all types, CLASS_MAP reference) |"
                + " image s (job) |\n| --- | --- | ---: |\n");
        List<Map<String, Object>> images = new ArrayList<>();
        for (TimedJob job : List.of(segmented, separately)) {
            for (Map<String, Object> image : job.ended().job().<Map<String, Object>>getList("result.images")) {
                Map<String, Object> withJob = new LinkedHashMap<>(image);
                withJob.put("job", job.id());
                images.add(withJob);
            }
        }
        for (Map<String, Object> image : images) {
            assertEquals("SUCCEEDED", image.get("status"), image.toString());
            String name = testIds.entrySet().stream().filter(e -> e.getValue().equals(image.get("imageId")))
                    .findFirst().orElseThrow().getKey();
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) image.get("scores");
            report.append(String.format(Locale.ROOT, "| %s | %.3f / %.3f / %.2f | %.1f |%n", name,
                    ((Number) s.get("meanJaccard")).doubleValue(), ((Number) s.get("f1")).doubleValue(),
                    ((Number) s.get("countRatio")).doubleValue(), ((Number) image.get("seconds")).doubleValue()));
            String id = (String) image.get("imageId");
            String job = (String) image.get("job");
            LabelImage cells = read(ApiTraining.output(scientist, lab, job, id + "/labels.png"));
            Map<Integer, String[]> classes = cellClasses(ApiTraining.output(scientist, lab, job, id + "/cells.csv"));
            boolean mosaic = name.startsWith("mosaic");
            typeCells(references.get(name), cells, classes, mosaic ? perType : alone, mosaic ? typed
                    : new ArrayList<>(), mosaic ? awayFromSeams : new HashMap<>(), (x, y) -> Math.abs(x - seamX)
                    >= SEAM_MARGIN && Math.abs(y - seamY) >= SEAM_MARGIN);
        }
        report.append(String.format(Locale.ROOT, "%nsegmentation job of the 2 mosaics: %.0f s wall, %.0f s worker CPU;"
                        + " of the 2 single-culture images: %.0f s, %.0f s%n%n", segmented.wallSeconds(),
                segmented.workerCpuSeconds(), separately.wallSeconds(), separately.workerCpuSeconds()));
        report.append("| cell type | reference cells | matched to a segmented cell | typed right | share right (of"
                + " matched) |\n| --- | ---: | ---: | ---: | ---: |\n");
        int[] all = new int[3];
        for (Map.Entry<String, int[]> e : perType.entrySet()) {
            int[] c = e.getValue();
            for (int i = 0; i < 3; i++) {
                all[i] += c[i];
            }
            report.append(row(e.getKey(), c));
        }
        report.append(row("all", all));
        report.append(String.format(Locale.ROOT, "%nThe mosaics' cells whose every pixel is at least %d px (half the"
                + " receptive field) from a quadrant seam:%n%n| cell type | reference cells | matched | typed right |"
                + " share right |%n| --- | ---: | ---: | ---: | ---: |%n", SEAM_MARGIN));
        int[] allAway = new int[3];
        for (Map.Entry<String, int[]> e : awayFromSeams.entrySet()) {
            for (int i = 0; i < 3; i++) {
                allAway[i] += e.getValue()[i];
            }
            report.append(row(e.getKey(), e.getValue()));
        }
        report.append(row("all", allAway));
        report.append("\nThe same test pixels as single-culture images (not mosaics):\n\n| cell type | reference cells |"
                + " matched | typed right | share right |\n| --- | ---: | ---: | ---: | ---: |\n");
        alone.forEach((type, c) -> report.append(row(type, c)));
        report.append("\n| classification score | typed right | typed wrong |\n| --- | ---: | ---: |\n");
        for (int b = 0; b < 10; b++) {
            int right = 0;
            int wrong = 0;
            for (double[] t : typed) {
                if (Math.min(9, (int) (t[0] * 10)) == b) {
                    right += t[1] > 0 ? 1 : 0;
                    wrong += t[1] > 0 ? 0 : 1;
                }
            }
            report.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %d |%n", b / 10.0, (b + 1) / 10.0, right,
                    wrong));
        }
        report.append(String.format(Locale.ROOT, "%nmean score typed right %.3f, typed wrong %.3f%n",
                typed.stream().filter(t -> t[1] > 0).mapToDouble(t -> t[0]).average().orElse(Double.NaN),
                typed.stream().filter(t -> t[1] == 0).mapToDouble(t -> t[0]).average().orElse(Double.NaN)));
        System.out.println(report);
        Path out = Path.of("target/benchmarks/cell-types.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        Files.write(out.resolveSibling("cell-type-scores.png"), ApiTraining.output(scientist, lab, segmented.id(),
                "figures/cell-type-scores.png"));
        Files.write(out.resolveSibling("cell-type-scores.csv"), ApiTraining.output(scientist, lab, segmented.id(),
                "figures/cell-type-scores.csv"));
    }

    /**
     * Types the reference cells of one image: components of each interior class, matched by largest overlap to a
     * segmented cell whose CSV class must be the reference's type; cells all of whose pixels pass {@code innerPixel}
     * (x, y) are also counted in {@code inner}.
     */
    private static void typeCells(LabelImage classMap, LabelImage cells, Map<Integer, String[]> classes,
                                  Map<String, int[]> perType, List<double[]> typed, Map<String, int[]> inner,
                                  java.util.function.BiPredicate<Integer, Integer> innerPixel) {
        int[] seg = cells.toArray();
        for (Map.Entry<Integer, String> type : TYPES.entrySet()) {
            int[] only = classMap.toArray();
            for (int i = 0; i < only.length; i++) {
                only[i] = only[i] == type.getKey() ? 1 : 0;
            }
            int[] ref = ConnectedComponentLabeling.label(LabelImage.of(classMap.width(), classMap.height(), only),
                    Connectivity.FOUR).toArray();
            Map<Integer, Map<Integer, Integer>> overlap = new HashMap<>();
            Map<Integer, Integer> area = new HashMap<>();
            java.util.Set<Integer> notInner = new java.util.HashSet<>();
            for (int i = 0; i < ref.length; i++) {
                if (ref[i] != 0) {
                    area.merge(ref[i], 1, Integer::sum);
                    if (!innerPixel.test(i % classMap.width(), i / classMap.width())) {
                        notInner.add(ref[i]);
                    }
                    if (seg[i] != 0) {
                        overlap.computeIfAbsent(ref[i], k -> new HashMap<>()).merge(seg[i], 1, Integer::sum);
                    }
                }
            }
            int[] counts = perType.get(type.getValue());
            int[] innerCounts = inner.computeIfAbsent(type.getValue(), t -> new int[3]);
            for (Map.Entry<Integer, Integer> cell : area.entrySet()) {
                if (cell.getValue() < MIN_REFERENCE_AREA) {
                    continue;
                }
                boolean isInner = !notInner.contains(cell.getKey());
                counts[0]++;
                innerCounts[0] += isInner ? 1 : 0;
                Map<Integer, Integer> o = overlap.get(cell.getKey());
                if (o == null) {
                    continue;
                }
                int best = o.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow()
                        .getKey();
                String[] c = classes.get(best);
                counts[1]++;
                boolean right = c[0].equals(type.getValue());
                counts[2] += right ? 1 : 0;
                innerCounts[1] += isInner ? 1 : 0;
                innerCounts[2] += isInner && right ? 1 : 0;
                typed.add(new double[]{Double.parseDouble(c[1]), right ? 1 : 0});
            }
        }
    }

    /** label -> {class, score} from the job's cells.csv (class and score are its last two columns). */
    private static Map<Integer, String[]> cellClasses(byte[] csv) {
        Map<Integer, String[]> out = new HashMap<>();
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.put(Integer.parseInt(f[0]), new String[]{f[f.length - 2], f[f.length - 1]});
        }
        return out;
    }

    private static String row(String type, int[] c) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% |%n", type, c[0], c[1], c[2],
                c[1] == 0 ? 0 : 100.0 * c[2] / c[1]);
    }

    private static LabelImage read(byte[] png) throws IOException, ImageRejectedException {
        Path file = Files.createTempFile("labels", ".png");
        try {
            Files.write(file, png);
            return new LabelImageReader().read(file);
        } finally {
            Files.delete(file);
        }
    }

    /** Uploads phase + nuclear with the class map; answers {image id, annotation id}. */
    private static String[] upload(Person who, UUID project, String name, Planes image, LabelImage classMap) {
        String id = ApiTraining.uploadChannels(who, project, name, List.of(image.png16(0), image.png16(1)), CHANNELS);
        return new String[]{id, ApiTraining.annotate(who, id, LabelImageEncoder.classMapPng(classMap), "CLASS_MAP",
                "cell types")};
    }
}
