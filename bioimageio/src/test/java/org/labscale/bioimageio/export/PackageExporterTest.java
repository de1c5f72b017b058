package org.labscale.bioimageio.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.Vendor;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.imports.PackageImporter;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.rdf.ModelRdf;
import org.labscale.bioimageio.run.BioimageioModel;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.imaging.FloatPlane;
import org.labscale.shared.net.Normalization;

/**
 * An exported package is what bioimage.io asks for: its rdf.yaml validates against the specification's schema, a
 * fresh ONNX Runtime session made from the zip alone turns its test input into its test output, that output is the
 * platform's own ensemble prediction on the same raw image, and the package imports back into a model that gives the
 * same output.
 */
class PackageExporterTest {

    static PackageExporter.Description description() {
        return new PackageExporter.Description("Blob nuclei v1", "Nuclei of synthetic blobs.",
                List.of(new ModelRdf.Author("Ada Lovelace", "Lab A", null)), "CC-BY-4.0",
                List.of(PackageExporter.METHOD), List.of("nuclei", "labscale"), "1.0.0", null,
                Map.of("modelVersion", 1));
    }

    @Test
    void theExportedPackageValidatesAndReproducesItselfAndThePlatform(@TempDir Path dir) throws Exception {
        List<byte[]> members = BakedEnsembleTest.members(Normalization.ROBUST_LOCAL_MEAN, 2);
        List<FloatPlane> image = BakedEnsembleTest.image(90, 70);
        byte[] zip = PackageExporter.export(description(), members, image).toZip();

        ModelPackage p = ModelPackage.read(zip);
        assertEquals(java.util.Set.of(), Vendor.validate(p.rdfYaml()), p.rdfYaml());
        String doc = new String(p.file(p.rdf().documentation(), "documentation"), StandardCharsets.UTF_8);
        assertTrue(doc.contains("robust-local-mean") && doc.contains("phase, nuclear"), doc);
        assertTrue(p.file("cover.png", "covers").length > 100);

        // A fresh session from the zip's files alone: raw test input in, test output out.
        Npy.Tensor input = Npy.read(p.file(p.rdf().inputs().get(0).testTensor(), "test_tensor"));
        Npy.Tensor expected = Npy.read(p.file(p.rdf().outputs().get(0).testTensor(), "test_tensor"));
        Npy.Tensor out;
        try (GraphRunner fresh = new GraphRunner(p.file(p.rdf().onnx().source(), "weights"), 1)) {
            out = fresh.run(input);
        }
        TestTensorComparison self = TestTensorComparison.compare(out, expected);
        assertTrue(self.passes(), self.describe());
        assertEquals(ModelPackage.sha256(p.file("weights.onnx", "weights")), p.rdf().onnx().sha256());

        // The platform's own prediction (Java normalisation, tiles, separate member sessions) on the same raw image.
        TestTensorComparison platform = TestTensorComparison.compare(expected.data(),
                BakedEnsembleTest.platform(members, image, dir));
        assertTrue(platform.passes(), platform.describe());
        System.out.println("export: test output vs fresh session: " + self.describe() + " vs platform: "
                + platform.describe());

        // Import it back: the imported model gives the original's output.
        PackageImporter.Imported imported = PackageImporter.check(p);
        assertEquals(List.of("background", "boundary", "interior"), imported.spec().classes());
        try (BioimageioModel model = new BioimageioModel(imported.weights(), imported.spec(), 1)) {
            float[][] planes = model.predict(image);
            float[] flat = new float[expected.data().length];
            for (int k = 0; k < planes.length; k++) {
                System.arraycopy(planes[k], 0, flat, k * planes[k].length, planes[k].length);
            }
            TestTensorComparison back = TestTensorComparison.compare(flat, expected.data());
            assertTrue(back.passes(), back.describe());
        }
        assertArrayEquals(new long[] {1, 2, 70, 90}, input.shape());
    }
}
