package org.labscale.shared.job;

/**
 * Why a job's last attempt failed.
 *
 * @param code    machine-readable, e.g. {@code worker.lost} (its worker stopped heart-beating) or a worker's own code
 * @param message a sentence for people
 */
public record JobError(String code, String message) {
}
