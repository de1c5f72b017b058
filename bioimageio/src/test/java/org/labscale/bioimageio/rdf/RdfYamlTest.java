package org.labscale.bioimageio.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.labscale.bioimageio.Vendor;

class RdfYamlTest {

    static ModelRdf sample() {
        ModelRdf.Tensor input = new ModelRdf.Tensor("raw", "raw pixels", List.of(ModelRdf.Axis.batch(),
                ModelRdf.Axis.channel(List.of("nuclear")), ModelRdf.Axis.space("y", 31, 1),
                ModelRdf.Axis.space("x", 31, 1)), "test_input.npy", "ab".repeat(32), List.of());
        ModelRdf.Tensor output = new ModelRdf.Tensor("probabilities", "class probabilities", List.of(
                ModelRdf.Axis.batch(), ModelRdf.Axis.channel(List.of("background", "boundary", "interior")),
                ModelRdf.Axis.spaceLike("y", "raw", "y"), ModelRdf.Axis.spaceLike("x", "raw", "x")),
                "test_output.npy", "cd".repeat(32), List.of());
        return new ModelRdf(null, "1.0.0", "HeLa nuclei (Labscale)", "Nuclei of HeLa cells.",
                List.of(new ModelRdf.Author("Ada Lovelace", "Lab A", null)),
                List.of(new ModelRdf.Cite("Van Valen et al. 2016", "10.1371/journal.pcbi.1005177", null)), "CC-BY-4.0",
                List.of("cover.png"), "documentation.md", List.of("nuclei", "labscale"), "2026-12-07T06:00:00Z",
                List.of(input), List.of(output), Map.of(ModelRdf.ONNX, new ModelRdf.Weights("weights.onnx",
                "ef".repeat(32), 17)), Map.of("labscale", Map.of("receptiveField", 31)));
    }

    @Test
    void aWrittenDescriptionValidatesAgainstTheSpecificationsSchema() throws Exception {
        String yaml = RdfYaml.write(sample());
        assertEquals(java.util.Set.of(), Vendor.validate(yaml), yaml);
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        String yaml = RdfYaml.write(sample()).replace("license: CC-BY-4.0", "license: not-a-licence");
        assertFalse(Vendor.validate(yaml).isEmpty());
    }

    @Test
    void aWrittenDescriptionReadsBack() throws Exception {
        ModelRdf rdf = sample();
        ModelRdf back = RdfYaml.read(RdfYaml.write(rdf));
        assertEquals(rdf.name(), back.name());
        assertEquals(rdf.authors(), back.authors());
        assertEquals(rdf.cite(), back.cite());
        assertEquals(rdf.inputs(), back.inputs());
        assertEquals(rdf.outputs(), back.outputs());
        assertEquals(rdf.weights(), back.weights());
        assertEquals(31, ((Map<?, ?>) back.config().get("labscale")).get("receptiveField"));
    }

    @Test
    void readsTheVendorPackage() throws Exception {
        ModelRdf rdf = RdfYaml.read(Files.readString(Vendor.unet().resolve("bioimageio.yaml")));
        assertEquals("UNet 2D Nuclei Broad", rdf.name());
        assertEquals("MIT", rdf.license());
        assertEquals("weights.onnx", rdf.onnx().source());
        ModelRdf.Tensor raw = rdf.inputs().get(0);
        assertEquals(List.of("batch", "channel", "y", "x"), raw.axes().stream().map(ModelRdf.Axis::id).toList());
        assertEquals(List.of("ensure_dtype", "zero_mean_unit_variance", "ensure_dtype"),
                raw.processing().stream().map(ModelRdf.Operation::id).toList());
        assertEquals("sigmoid", rdf.outputs().get(0).processing().get(0).id());
        assertEquals("raw", rdf.outputs().get(0).axes().get(2).refTensor());
        assertEquals(32, rdf.outputs().get(0).axes().get(2).halo());
    }

    @Test
    void refusesWhatIsNotAModelOfFormat05() {
        assertTrue(assertThrows(RdfYaml.RdfException.class, () -> RdfYaml.read("type: dataset\nformat_version: 0.3.0"))
                .getMessage().contains("not a model"));
        assertTrue(assertThrows(RdfYaml.RdfException.class, () -> RdfYaml.read("type: model\nformat_version: 0.4.10"))
                .getMessage().contains("0.5.x"));
        assertTrue(assertThrows(RdfYaml.RdfException.class, () -> RdfYaml.read(
                "type: model\nformat_version: 0.5.4\ninputs: []")).getMessage().contains("inputs"));
    }

    @Test
    void everyAcceptedLicenceIsOneTheSpecificationKnows() throws Exception {
        for (String id : SpdxLicences.IDS) {
            String yaml = RdfYaml.write(sample()).replace("license: CC-BY-4.0", "license: " + id);
            assertEquals(java.util.Set.of(), Vendor.validate(yaml), id);
        }
        assertFalse(SpdxLicences.valid("cc-by-4.0"));
        assertFalse(SpdxLicences.valid(null));
    }
}
