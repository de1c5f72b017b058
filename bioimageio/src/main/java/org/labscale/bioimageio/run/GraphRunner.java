package org.labscale.bioimageio.run;

import java.nio.FloatBuffer;
import java.util.Map;

import org.labscale.bioimageio.npy.Npy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ONNX graph with one float input and one float output in an ONNX Runtime session on the CPU (optimisation level
 * ALL). Used to make and check the test tensors of packages, and to run imported models.
 */
public final class GraphRunner implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;

    /** The graph cannot be loaded or run; the message says what was being done. */
    public static final class GraphException extends Exception {
        public GraphException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public GraphRunner(byte[] model, int threads) throws GraphException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Math.max(1, threads));
            session = env.createSession(model, options);
            if (session.getNumInputs() != 1 || session.getNumOutputs() < 1) {
                long inputs = session.getNumInputs();
                session.close();
                throw new GraphException("the ONNX graph has " + inputs + " inputs; Labscale runs graphs with one",
                        null);
            }
            input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new GraphException("ONNX Runtime could not load the graph: " + e.getMessage(), e);
        }
    }

    /** Runs {@code tensor} through the graph; answers its first output. */
    public Npy.Tensor run(Npy.Tensor tensor) throws GraphException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor.data()), tensor.shape());
             OrtSession.Result result = session.run(Map.of(input, in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            FloatBuffer buffer = out.getFloatBuffer();
            if (buffer == null) {
                throw new GraphException("the graph's output is " + out.getInfo().type + ", not float32", null);
            }
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return new Npy.Tensor(shape, data);
        } catch (OrtException e) {
            throw new GraphException("ONNX Runtime could not run the graph on a tensor of shape "
                    + java.util.Arrays.toString(tensor.shape()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; nothing left to do when it fails.
        }
    }
}
