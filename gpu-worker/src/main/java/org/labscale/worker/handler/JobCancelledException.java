package org.labscale.worker.handler;

/**
 * Thrown by {@link JobContext#checkCancelled()} and {@link JobContext#sleep} once the worker asked the handler to stop;
 * handlers let it escape. The worker knows why it asked and reports accordingly (cancelled, abandoned, released).
 */
public class JobCancelledException extends Exception {

    public JobCancelledException(String message) {
        super(message);
    }
}
