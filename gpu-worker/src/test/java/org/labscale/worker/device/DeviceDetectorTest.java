package org.labscale.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.job.WorkerDevice;

class DeviceDetectorTest {

    @TempDir
    Path tmp;

    @Test
    void shouldBeCpuWhenNvidiaSmiIsMissing() {
        DeviceInfo info = DeviceDetector.detect(Optional.empty(), Optional.empty(), tmp.resolve("no-such-tool").toString());
        assertEquals(WorkerDevice.CPU, info.device());
        assertEquals(0, info.gpuMemoryMb());
        assertTrue(info.detail().contains("not available"), info.detail());
    }

    @Test
    void shouldBeCpuWhenNvidiaSmiFails() throws IOException {
        String tool = script("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");
        DeviceInfo info = DeviceDetector.detect(Optional.empty(), Optional.empty(), tool);
        assertEquals(WorkerDevice.CPU, info.device());
        assertTrue(info.detail().contains("exited with 9"), info.detail());
    }

    @Test
    void shouldBeCudaWithTheSmallestGpusMemoryWhenNvidiaSmiListsGpus() throws IOException {
        DeviceInfo info = DeviceDetector.detect(Optional.empty(), Optional.empty(), script("printf '81559\\n40960\\n'"));
        assertEquals(WorkerDevice.CUDA, info.device());
        assertEquals(2, info.gpuCount());
        assertEquals(40960, info.gpuMemoryMb());
    }

    @Test
    void shouldFollowTheConfiguredDevice() throws IOException {
        String gpus = script("echo 24576");
        assertEquals(WorkerDevice.CPU, DeviceDetector.detect(Optional.of(WorkerDevice.CPU), Optional.empty(), gpus).device());
        DeviceInfo cuda = DeviceDetector.detect(Optional.of(WorkerDevice.CUDA), Optional.of(16000), gpus);
        assertEquals(WorkerDevice.CUDA, cuda.device());
        assertEquals(16000, cuda.gpuMemoryMb());
    }

    @Test
    void shouldReadOnlyNumbers() {
        assertEquals(List.of(81559, 40960), DeviceDetector.parse("81559\n 40960 \n"));
        assertEquals(List.of(), DeviceDetector.parse("No devices were found"));
    }

    private String script(String body) throws IOException {
        Path f = tmp.resolve("nvidia-smi-" + System.nanoTime());
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f.toString();
    }
}
