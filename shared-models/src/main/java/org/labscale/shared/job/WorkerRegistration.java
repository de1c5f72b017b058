package org.labscale.shared.job;

/**
 * Sent by a worker to {@code POST /api/v1/worker/register} when it starts (and again whenever it likes): what it
 * offers, and where it runs, for operators.
 *
 * @param capabilities    what it can run
 * @param host            host name or pod name, at most 200 characters
 * @param softwareVersion the worker's version, at most 100 characters
 */
public record WorkerRegistration(WorkerCapabilities capabilities, String host, String softwareVersion) {
}
