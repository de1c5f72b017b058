package org.labscale.launcher.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command prefix that makes the kernel signal a child when this JVM dies (even by {@code kill -9}):
 * {@code setpriv --pdeathsig SIG --} from util-linux. Empty where setpriv or the option is missing
 * (not Linux, very old util-linux): children then rely on shutdown hooks only.
 */
public final class ParentDeathSignal {

    private static volatile Boolean supported;

    private ParentDeathSignal() {
    }

    /** The prefix for {@code signal} (TERM, INT, KILL...), or an empty list where unsupported. */
    public static List<String> prefix(String signal) {
        return isSupported() ? List.of("setpriv", "--pdeathsig", signal, "--") : List.of();
    }

    public static boolean isSupported() {
        Boolean s = supported;
        if (s == null) {
            s = probe();
            supported = s;
        }
        return s;
    }

    private static boolean probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("setpriv", "--pdeathsig", "TERM", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
