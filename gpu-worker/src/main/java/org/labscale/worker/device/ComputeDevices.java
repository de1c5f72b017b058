package org.labscale.worker.device;

import jakarta.enterprise.context.ApplicationScoped;

import org.labscale.shared.job.WorkerDevice;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

/**
 * What the job libraries compute on, decided once at start from the detected device ({@link DeviceDetector}), so that
 * jobs do not probe (and log about) CUDA each time: training runs on PyTorch's default device (the first GPU) only on
 * a CUDA node, else on the CPU; segmentation asks ONNX Runtime for CUDA only on a CUDA node whose ONNX Runtime build
 * has the CUDA provider. {@link #summary()} is the one line the worker logs at start.
 */
@ApplicationScoped
public class ComputeDevices {

    private volatile DeviceInfo device = new DeviceInfo(WorkerDevice.CPU, 0, 0, "not detected yet");
    private volatile boolean onnxCuda;
    private volatile String onnxReason = "";

    /** Records the detected device; call once at start. */
    public void detected(DeviceInfo info) {
        detected(info, OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    }

    /** @param onnxHasCuda whether this ONNX Runtime build has the CUDA execution provider */
    public void detected(DeviceInfo info, boolean onnxHasCuda) {
        this.device = info;
        this.onnxCuda = info.device() == WorkerDevice.CUDA && onnxHasCuda;
        this.onnxReason = info.device() != WorkerDevice.CUDA ? "no GPU on this node"
                : onnxHasCuda ? "GPU" : "this ONNX Runtime build has no CUDA provider (build the worker with -Pcuda)";
    }

    /** Whether training jobs use the GPU. */
    public boolean trainingOnCuda() {
        return device.device() == WorkerDevice.CUDA;
    }

    /** Whether segmentation jobs ask ONNX Runtime for CUDA. */
    public boolean segmentationOnCuda() {
        return onnxCuda;
    }

    /** One line: which device each kind of job uses, and why. */
    public String summary() {
        return "Training runs on " + (trainingOnCuda() ? "the GPU (PyTorch CUDA)" : "the CPU (PyTorch)")
                + ", segmentation on " + (onnxCuda ? "the GPU (ONNX Runtime CUDA)" : "the CPU (ONNX Runtime; "
                + onnxReason + ")") + "; device " + device.device() + ": " + device.detail()
                + ". Jobs do not probe CUDA again.";
    }
}
