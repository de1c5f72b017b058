package org.labscale.launcher.process;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends Unix signals that {@link ProcessHandle} cannot (it only knows TERM and KILL). */
public final class Signals {

    private Signals() {
    }

    /** {@code kill -SIGNAL pid}; false if kill(1) is missing, failed, or the process is gone. */
    public static boolean send(long pid, String signal) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
