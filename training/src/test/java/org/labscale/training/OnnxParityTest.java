package org.labscale.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.net.NetPresets;
import org.labscale.training.data.PatchExtractor;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * The exported dilated fully convolutional ONNX model predicts, at every pixel (corners and edges included), what the
 * trained DJL patch classifier predicts for the reflect-padded patch centred there.
 */
class OnnxParityTest {

    @Test
    void onnxEqualsTheTrainedPatchClassifierAtCornersEdgesAndInside() throws Exception {
        assertParity(TestPayloads.tiny(2000, 1, null, 7), 15, 0);
        TrainingPayload bacteria = new TrainingPayload(TestPayloads.tiny(1500, 1, null, 3).trainingSets(), "b",
                "bacteria-net-fast", null, null, null, null, null, null, 1500, 1, 32, null, null, 0.2, 1, 3L,
                null, null).withDefaults();
        assertEquals(31, bacteria.resolvedNet().receptiveField());
        assertParity(bacteria, 31, 2);
        // Dense training: the same parameter layout, exported unchanged.
        assertParity(bacteria.withSampling("dense"), 31, 1);
    }

    private static void assertParity(TrainingPayload payload, int rf, int member) throws Exception {
        List<TrainingImage> images = SyntheticDiscs.trainingImages(2, 80, rf, rf, 11);
        TrainingImage image = images.get(0);
        UUID set = payload.trainingSets().get(0).trainingSetId();
        TrainingProvenance provenance = new TrainingProvenance("job-1",
                List.of(new ModelCard.TrainingData(set, 1, "hash-1")), "abc123");
        try (MemberTrainer trainer = new MemberTrainer(payload, member, Device.cpu())) {
            trainer.train(images, ProgressListener.NONE, () -> false);
            MemberExporter exporter = new MemberExporter(provenance);
            byte[] onnx = exporter.export(payload, member, trainer.seed(), trainer.weights());

            ModelMetadata metadata = ModelMetadata.read(onnx);
            assertEquals(rf, metadata.receptiveField());
            assertEquals(payload.classes(), metadata.classes());
            assertEquals(member, ((Number) metadata.provenance().get("member")).intValue());
            assertEquals("abc123", metadata.provenance().get("gitRevision"));
            assertEquals("2.5.1", ((Map<?, ?>) metadata.provenance().get("libraries")).get("pytorch"));
            assertEquals("hash-1", ((Map<?, ?>) ((List<?>) metadata.provenance().get("trainingSets")).get(0))
                    .get("contentHash"));

            int w = image.width();
            int h = image.height();
            float[][][][] probabilities = run(onnx, image.channels()[0], w, h);
            List<int[]> pixels = new ArrayList<>(List.of(new int[] {0, 0}, new int[] {w - 1, 0},
                    new int[] {0, h - 1}, new int[] {w - 1, h - 1}, new int[] {w / 2, 0}, new int[] {0, h / 2},
                    new int[] {w - 1, h / 2}, new int[] {w / 3, h - 1}, new int[] {1, 2}, new int[] {w - 2, h - 3}));
            Random random = new Random(5);
            for (int i = 0; i < 22; i++) {
                pixels.add(new int[] {random.nextInt(w), random.nextInt(h)});
            }
            PatchExtractor patches = new PatchExtractor(List.of(image), rf);
            float[] batch = new float[pixels.size() * patches.patchSize()];
            for (int i = 0; i < pixels.size(); i++) {
                patches.extract(pixels.get(i)[1] * w + pixels.get(i)[0], 0, false, batch, i * patches.patchSize());
            }
            float[][] expected = trainer.predict(batch, pixels.size());
            double max = 0;
            boolean varies = false;
            for (int i = 0; i < pixels.size(); i++) {
                int[] p = pixels.get(i);
                for (int k = 0; k < 3; k++) {
                    float actual = probabilities[0][k][p[1]][p[0]];
                    max = Math.max(max, Math.abs(actual - expected[i][k]));
                    assertEquals(expected[i][k], actual, 1e-4, "class " + k + " at " + p[0] + "," + p[1]);
                    varies |= Math.abs(expected[i][k] - expected[0][k]) > 0.05;
                }
            }
            assertTrue(varies, "predictions should differ between pixels");
            System.out.printf("parity %s: max |ONNX - DJL| = %.2e over %d pixels%n", payload.resolvedNet().name(),
                    max, pixels.size());
        }
    }

    private static float[][][][] run(byte[] model, float[] plane, int w, int h) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(plane), new long[] {1, 1, h, w});
             OrtSession.Result result = session.run(Map.of(DilatedNetExporter.INPUT, input))) {
            return (float[][][][]) result.get(0).getValue();
        }
    }
}
