package org.labscale.worker.handler;

import static org.labscale.worker.handler.StagedFiles.sha256;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.imports.PackageImporter;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.worker.handler.segmentation.SegmentationHandler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SEGMENTATION lease naming a version imported from bioimage.io (the vendor's U-Net: one sigmoid foreground): the
 * handler runs the package's graph instead of a Labscale ensemble, makes cells by the distance-transform watershed,
 * writes the usual files and scores them against the reference like any other model.
 */
class ImportedModelSegmentationTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    @Test
    void shouldSegmentWithAnImportedForegroundModelAndScoreLikeAnyOther() throws Exception {
        Path vendor = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor"))
                .resolve("bioimageio/unet2d_nuclei_broad");
        assumeTrue(Files.isDirectory(vendor), "vendor package absent at " + vendor.toAbsolutePath() + "; skipped");
        PackageImporter.Imported imported = PackageImporter.check(ModelPackage.read(zip(vendor)));
        Map<String, Path> inputs = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        UUID versionId = UUID.randomUUID();
        String member = "model/" + versionId + "/member-0.onnx";
        inputs.put(member, Files.write(dir.resolve("member-0.onnx"), imported.weights()));
        hashes.put(member, sha256(imported.weights()));
        Map<String, Object> provenance = Map.of("bioimageio", Map.of("runSpec",
                json.convertValue(imported.spec(), Map.class)));
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, List.of("background", "interior"),
                imported.spec().channels(), 65, Map.of("method", "bioimageio"), null, 1, List.of(), Map.of(),
                List.of(), List.of("Constantin Pape"), "MIT", "U-Net", provenance, null);
        ModelVersionDto model = new ModelVersionDto(versionId, UUID.randomUUID(), 1, null, card,
                List.of(new ModelMemberDto(0, hashes.get(member), imported.weights().length)), Instant.now());

        UUID imageId = UUID.randomUUID();
        byte[] png = png(nuclei(false));
        inputs.put("image/" + imageId, Files.write(dir.resolve("image.png"), png));
        hashes.put("image/" + imageId, sha256(png));
        byte[] mask = png(nuclei(true));
        inputs.put("mask/" + imageId, Files.write(dir.resolve("mask.png"), mask));
        hashes.put("mask/" + imageId, sha256(mask));
        ImageDto image = new ImageDto(imageId, UUID.randomUUID(), "nuclei.png", "PNG", 160, 120, 1, 1, 8, "UINT8",
                null, PageMode.CHANNELS, null, null, sha256(png), png.length, Instant.now(), Instant.now(), 1);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("images", json.convertValue(List.of(image), List.class));
        context.put("references", Map.of(imageId.toString(), Map.of("annotationKind", "BINARY_MASK")));
        Set<String> allowed = Set.of("scores.json", "report.json", imageId + "/labels.tif", imageId + "/labels.png",
                imageId + "/overlay.png", imageId + "/cells.csv");
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(imageId.toString())), allowed, inputs, hashes, context);

        Map<String, Object> result = new SegmentationHandler(json, 2).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        Map<?, ?> scores = (Map<?, ?>) images.get(0).get("scores");
        assertEquals(3, scores.get("referenceCells"), "a binary mask joins the two touching nuclei");
        assertTrue(((Number) images.get(0).get("cells")).intValue() >= 1, images.toString());
        assertTrue(ctx.outputs.containsKey(imageId + "/labels.png"));
        System.out.println("imported U-Net on synthetic nuclei: " + images.get(0));
    }

    /** Four bright nuclei (two touching) on a dim, slightly noisy background; {@code mask}: their binary mask. */
    private static BufferedImage nuclei(boolean mask) {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
        int[][] centres = {{30, 30}, {100, 40}, {60, 85}, {77, 85}};
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                boolean inside = false;
                for (int[] c : centres) {
                    inside |= Math.hypot(x - c[0], y - c[1]) < 10;
                }
                img.getRaster().setSample(x, y, 0, mask ? (inside ? 255 : 0)
                        : (inside ? 180 : 25) + (x * 7 + y * 3) % 9);
            }
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] zip(Path folder) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
            }
        }
        return bytes.toByteArray();
    }

}
