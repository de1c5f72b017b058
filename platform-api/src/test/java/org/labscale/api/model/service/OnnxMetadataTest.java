package org.labscale.api.model.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.OnnxBytes;

class OnnxMetadataTest {

    @Test
    void shouldReadTheMetadataPropsOfAModel() throws Exception {
        byte[] bytes = OnnxBytes.member("[\"background\",\"boundary\",\"interior\"]", "[\"nuclear\"]", 61, 1);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Map<String, String> props = OnnxMetadata.read(in);
        assertEquals("61", props.get("labscale.receptive_field"));
        assertEquals("[\"nuclear\"]", props.get("labscale.channels"));
        assertEquals("[\"background\",\"boundary\",\"interior\"]", props.get("labscale.classes"));
        assertEquals(0, in.available(), "the whole file was read");
    }

    @Test
    void shouldRefuseWhatIsNotAModel() {
        byte[] model = OnnxBytes.member("[\"a\",\"b\"]", "[\"nuclear\"]", 31, 2);
        OnnxMetadata.NotOnnx truncated = assertThrows(OnnxMetadata.NotOnnx.class,
                () -> OnnxMetadata.read(new ByteArrayInputStream(Arrays.copyOf(model, 1000))));
        assertTrue(truncated.getMessage().contains("ends inside a field"), truncated.getMessage());
        assertThrows(OnnxMetadata.NotOnnx.class, () -> OnnxMetadata.read(new ByteArrayInputStream(
                "{\"not\": \"onnx\"}".getBytes())));
        assertThrows(OnnxMetadata.NotOnnx.class, () -> OnnxMetadata.read(new ByteArrayInputStream(new byte[0])));
        // ir_version alone: no graph.
        assertThrows(OnnxMetadata.NotOnnx.class, () -> OnnxMetadata.read(new ByteArrayInputStream(new byte[]{8, 8})));
    }
}
