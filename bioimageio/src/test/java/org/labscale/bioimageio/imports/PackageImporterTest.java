package org.labscale.bioimageio.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.Vendor;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.run.RunSpec;

/** The vendor's U-Net (a package nobody here wrote) imports; what Labscale cannot run is refused with the reason. */
class PackageImporterTest {

    private static PackageImporter.Refused refused(UnaryOperator<String> edit, Map<String, byte[]> files)
            throws Exception {
        ModelPackage p = ModelPackage.read(Vendor.unetZip(edit, files));
        return assertThrows(PackageImporter.Refused.class, () -> PackageImporter.check(p));
    }

    @Test
    void theVendorUnetImportsAndReproducesItsTestOutput() throws Exception {
        PackageImporter.Imported imported = PackageImporter.check(ModelPackage.read(Vendor.unetZip()));
        RunSpec spec = imported.spec();
        assertTrue(spec.foregroundOnly());
        assertEquals(512, spec.minSize());
        assertEquals(0, spec.step());
        assertEquals(32, spec.halo());
        assertEquals(java.util.List.of("batch", "channel", "y", "x"), spec.inputAxes());
        assertTrue(imported.check().passes(), imported.check().describe());
        assertEquals("cover0.png", imported.coverName());
        System.out.println("vendor unet2d_nuclei_broad test output: " + imported.check().describe());
    }

    @Test
    void refusesAPackageWithoutOnnxWeights() throws Exception {
        PackageImporter.Refused e = refused(y -> y.replace("  onnx:\n", "  keras_hdf5:\n"), Map.of());
        assertEquals("bioimageio.no-onnx-weights", e.code());
        assertTrue(e.getMessage().contains("pytorch_state_dict"), e.getMessage());
    }

    @Test
    void refusesThreeDimensionalAxes() throws Exception {
        PackageImporter.Refused e = refused(y -> y.replaceFirst("      - size: 512\n        id: y\n",
                "      - size: 16\n        id: z\n        type: space\n      - size: 512\n        id: y\n"), Map.of());
        assertEquals("bioimageio.unsupported-axes", e.code());
        assertTrue(e.getMessage().contains("z (space)") && e.getMessage().contains("2D"), e.getMessage());
    }

    @Test
    void refusesAPreprocessingStepItCannotRun() throws Exception {
        PackageImporter.Refused e = refused(y -> y.replace("      - id: zero_mean_unit_variance",
                "      - id: binarize\n        kwargs:\n          threshold: 0.5\n      - id: zero_mean_unit_variance"),
                Map.of());
        assertEquals("bioimageio.unsupported-processing", e.code());
        assertTrue(e.getMessage().contains("'binarize'"), e.getMessage());
    }

    @Test
    void refusesATestOutputTheModelDoesNotGive() throws Exception {
        Npy.Tensor expected = Npy.read(Files.readAllBytes(Vendor.unet().resolve("test_output.npy")));
        float[] shifted = expected.data().clone();
        for (int i = 0; i < 1000; i++) {
            shifted[i * 97] += 0.05f;
        }
        PackageImporter.Refused e = refused(UnaryOperator.identity(), Map.of("test_output.npy",
                Npy.writeFloat32(new Npy.Tensor(expected.shape(), shifted))));
        assertEquals("bioimageio.test-output-mismatch", e.code());
        assertTrue(e.getMessage().contains("1000 of 262144"), e.getMessage());
    }

    @Test
    void refusesWeightsThatAreNotTheOnesDescribed() throws Exception {
        PackageImporter.Refused e = refused(UnaryOperator.identity(), Map.of("weights.onnx", new byte[] {1, 2, 3}));
        assertEquals("bioimageio.checksum-mismatch", e.code());
    }
}
