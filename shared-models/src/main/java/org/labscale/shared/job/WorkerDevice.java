package org.labscale.shared.job;

/** What a worker computes on. Jobs that require a GPU go only to CUDA workers. */
public enum WorkerDevice {
    CUDA, CPU
}
