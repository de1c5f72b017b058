package org.labscale.worker.device;

import org.labscale.shared.job.WorkerDevice;

/**
 * What this node computes on, as declared at registration.
 *
 * @param device      CUDA or CPU
 * @param gpuCount    GPUs found (0 on a CPU node)
 * @param gpuMemoryMb memory of the smallest GPU in MiB (any slot may get any job), 0 on a CPU node
 * @param detail      how it was decided, for the log
 */
public record DeviceInfo(WorkerDevice device, int gpuCount, int gpuMemoryMb, String detail) {
}
