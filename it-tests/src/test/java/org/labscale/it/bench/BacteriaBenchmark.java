package org.labscale.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.it.support.ApiTraining;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.PaperData;
import org.labscale.it.support.PaperData.Planes;

/**
 * Issue 20, bacteria: {@code bacteria-net} on the paper's phase-contrast <i>E. coli</i>
 * ({@code ../shared/data/bacteria/ecoli-phase}: {@code ecoli_kc_set1} 1004 x 1002, {@code ecoli_set1} 300 x 300)
 * through the API. Split by columns, so no test pixel is trained on: each image is cut into three column strips
 * (by rows the large image would not do: 305 of its 311 cells lie in its bottom third); the left two of each are
 * training images, of which the large image's left strip (78 cells) is held out by the trainer to choose the
 * post-processing; the right strip of each (96 and 104 cells, 334 x 1002 and 100 x 300) is segmented and scored
 * against its instance labels. Reports per image the mean per-cell Jaccard, object F1, the
 * segmented/reference count ratio and the fraction of neighbouring reference pairs merged into one cell, with wall
 * and worker CPU seconds of the training and of each segmented image. Budget from {@code -Dbench.preset}
 * (bacteria-net), {@code -Dbench.patches} (patches per epoch, 100,000), {@code -Dbench.epochs} (2),
 * {@code -Dbench.members} (5), {@code -Dbench.seed} (1); {@code -Dbench.batch} and {@code -Dbench.sampling} (the
 * preset's unless given).
 *
 * <p>One magnification: the data carry no pixel sizes, so the images are uploaded with assumed ones that put their
 * cells at one size, {@code -Dbench.pixelSizes} ({@code ecoli_kc_set1}, {@code ecoli_set1} in micrometres; default
 * {@value #PIXEL_SIZES}; {@code none}: no pixel sizes, each image as it is). The large image's cells are ~600 px
 * (median), the small one's ~130 px: an area ratio of ~4.6, a linear factor of ~2.1, rounded to 2 (as the offline
 * study enlarged the small image); 0.065 um is a 100x objective on a 6.5 um camera pixel, and puts the small image's
 * ~6 px-wide rods at ~0.8 um, an E. coli's width. The trainer then trains at the finest size (0.065 um: the small
 * image's strips enlarged twice), and each segmentation job resamples its image to it and maps the cells back.
 * Printed and written to
 * {@code target/benchmarks/bacteria.md}. Asserts only that the jobs succeeded (targets are reported, not tested).
 */
class BacteriaBenchmark {

    private static final Path DATA = PaperData.root().resolve("bacteria/ecoli-phase");
    private static final String PIXEL_SIZES = "0.065,0.13";

    @Test
    void bacteriaThroughTheApi() throws Exception {
        assumeTrue(PaperData.present(DATA.resolve("images/ecoli_kc_set1.tif"), DATA.resolve("images/ecoli_set1.tif")),
                "E. coli data not found at " + DATA.toAbsolutePath() + "; set -Dlabscale.data.dir");
        String preset = System.getProperty("bench.preset", "bacteria-net");
        int patches = Integer.getInteger("bench.patches", 100_000);
        int epochs = Integer.getInteger("bench.epochs", 2);
        int members = Integer.getInteger("bench.members", 5);
        int seed = Integer.getInteger("bench.seed", 1);
        String sizes = System.getProperty("bench.pixelSizes", PIXEL_SIZES);
        List<String> names = List.of("ecoli_kc_set1", "ecoli_set1");
        Map<String, Double> pixelSizes = new LinkedHashMap<>();
        if (!"none".equals(sizes)) {
            String[] values = sizes.split(",");
            for (int i = 0; i < names.size(); i++) {
                pixelSizes.put(names.get(i), Double.parseDouble(values[i].trim()));
            }
        }

        LocalPlatform platform = LocalPlatform.get();
        Person scientist = Lab.person(platform, "Microbiologist");
        UUID lab = Lab.createLab(scientist, "E. coli lab");
        UUID project = Lab.createProject(scientist, lab, "E. coli phase");
        Map<String, String> training = new LinkedHashMap<>();
        Map<String, String> test = new LinkedHashMap<>();
        String validation = null;
        for (String name : names) {
            Planes image = PaperData.image(DATA.resolve("images/" + name + ".tif"));
            LabelImage mask = PaperData.mask(DATA.resolve("masks/" + name + ".tif"));
            for (int third = 0; third < 3; third++) {
                int x0 = image.width() * third / 3;
                int w = image.width() * (third + 1) / 3 - x0;
                String[] ids = upload(scientist, project, name + "-columns-" + third, image.crop(x0, 0, w,
                        image.height()), PaperData.crop(mask, x0, 0, w, image.height()), pixelSizes.get(name));
                if (third == 2) {
                    test.put(name, ids[0]);
                } else {
                    training.put(ids[0], ids[1]);
                    if (third == 0 && name.equals("ecoli_kc_set1")) {
                        validation = ids[0];
                    }
                }
            }
        }
        String set = ApiTraining.trainingSet(scientist, lab, "E. coli", training, List.of("phase"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", "E. coli " + preset);
        payload.put("preset", preset);
        payload.put("channels", List.of("phase"));
        payload.put("patchesPerEpoch", patches);
        payload.put("epochs", epochs);
        payload.put("ensembleSize", members);
        payload.put("seed", seed);
        payload.put("validationImageIds", List.of(validation));
        String batch = System.getProperty("bench.batch");
        if (batch != null) {
            payload.put("batchSize", Integer.parseInt(batch));
        }
        String sampling = System.getProperty("bench.sampling");
        if (sampling != null) {
            payload.put("sampling", sampling);
        }
        TimedJob trained = TimedJob.run(scientist, lab, "TRAINING", payload, Duration.ofMinutes(40));
        String model = trained.ended().job().getString("result.modelId");
        Map<String, Object> card = scientist.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, model).then().statusCode(200)
                .extract().jsonPath().getMap("card");

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s, %,d patches x %d epochs x %d members,"
                        + " seed %d, batch %s, sampling %s, image pixel sizes %s um: training %.0f s wall, %.0f s worker CPU; card pixel size"
                        + " %s um, post-processing %s; warnings %s%n%n", preset, patches, epochs, members, seed,
                batch == null ? "preset's" : batch, sampling == null ? "preset's" : sampling, pixelSizes, trained.wallSeconds(), trained.workerCpuSeconds(), card.get("pixelSizeUm"),
                card.get("recommendedPostProcessing"), ((Map<?, ?>) card.get("quality")).get("warnings")));
        report.append("| held-out image | reference cells | mean per-cell Jaccard | object F1 | count ratio |"
                + " merged pairs / neighbouring pairs | scale factor | image s (job wall / worker CPU) |\n");
        report.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<String> ids = new ArrayList<>(test.values());
        for (Map.Entry<String, String> e : test.entrySet()) {
            TimedJob segmented = TimedJob.run(scientist, lab, "SEGMENTATION", Map.of("modelId", model, "imageIds",
                    List.of(e.getValue())), Duration.ofMinutes(10));
            Map<String, Object> image = segmented.ended().job().getMap("result.images[0]");
            assertEquals("SUCCEEDED", image.get("status"), image.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) image.get("scores");
            report.append(String.format(Locale.ROOT, "| %s right third | %d | %.3f | %.3f | %.2f | %d / %d = %.2f%% |"
                            + " %s | %.1f / %.1f |%n", e.getKey(), (Integer) s.get("referenceCells"),
                    num(s, "meanJaccard"), num(s, "f1"), num(s, "countRatio"), (Integer) s.get("mergedPairs"),
                    (Integer) s.get("neighbourPairs"), 100 * num(s, "mergedPairFraction"),
                    image.getOrDefault("scaleFactor", "-"), segmented.wallSeconds(), segmented.workerCpuSeconds()));
        }
        report.append(String.format(Locale.ROOT, "%nimages %s; training set %s%n", ids, set));
        System.out.println(report);
        Path out = Path.of("target/benchmarks/bacteria.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /**
     * Uploads one phase image with its instance labels and, unless null, its pixel size; answers {image id,
     * annotation id}.
     */
    private static String[] upload(Person who, UUID project, String name, Planes image, LabelImage mask,
                                   Double pixelSizeUm) {
        String id = ApiTraining.uploadChannels(who, project, name, List.of(image.png16(0)), List.of("phase"));
        if (pixelSizeUm != null) {
            who.as().body(Map.of("pixelSizeUm", pixelSizeUm)).patch("/api/v1/images/{i}", id).then().statusCode(200);
        }
        return new String[]{id, ApiTraining.annotate(who, id, LabelImageEncoder.labelsPng16(mask), "INSTANCE_MASK",
                "cells")};
    }

    private static double num(Map<String, Object> scores, String key) {
        return ((Number) scores.get(key)).doubleValue();
    }
}
