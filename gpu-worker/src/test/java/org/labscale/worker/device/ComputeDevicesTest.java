package org.labscale.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.WorkerDevice;

class ComputeDevicesTest {

    @Test
    void aCpuNodeSaysOnceThatBothKindsRunOnTheCpuAndWhy() {
        ComputeDevices devices = new ComputeDevices();
        devices.detected(new DeviceInfo(WorkerDevice.CPU, 0, 0, "nvidia-smi not available"), true);
        assertFalse(devices.trainingOnCuda());
        assertFalse(devices.segmentationOnCuda(), "no CUDA probe per job on a CPU node");
        assertEquals("Training runs on the CPU (PyTorch), segmentation on the CPU (ONNX Runtime; no GPU on this"
                + " node); device CPU: nvidia-smi not available. Jobs do not probe CUDA again.", devices.summary());
    }

    @Test
    void aGpuNodeWithoutTheCudaBuildOfOnnxRuntimeSegmentsOnTheCpuAndSaysSo() {
        ComputeDevices devices = new ComputeDevices();
        devices.detected(new DeviceInfo(WorkerDevice.CUDA, 1, 80_000, "CUDA: 1 GPU"), false);
        assertTrue(devices.trainingOnCuda());
        assertFalse(devices.segmentationOnCuda());
        assertTrue(devices.summary().contains("this ONNX Runtime build has no CUDA provider (build the worker with"
                + " -Pcuda)"), devices.summary());
        devices.detected(new DeviceInfo(WorkerDevice.CUDA, 1, 80_000, "CUDA: 1 GPU"), true);
        assertTrue(devices.segmentationOnCuda());
    }
}
