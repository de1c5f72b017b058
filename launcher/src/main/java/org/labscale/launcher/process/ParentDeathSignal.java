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
    private static volatile Boolean setsid;

    private ParentDeathSignal() {
    }

    /** The prefix for {@code signal} (TERM, INT, KILL...), or an empty list where unsupported. */
    public static List<String> prefix(String signal) {
        return isSupported() ? List.of("setpriv", "--pdeathsig", signal, "--") : List.of();
    }

    /**
     * {@code setsid}, which starts the child in a new session so that terminal signals (Ctrl-C) do not reach
     * it; empty where unavailable. (setsid only forks when the caller leads a process group, which a child
     * forked by the JVM never does, so the pid we hold stays the program's.)
     */
    public static List<String> newSessionPrefix() {
        Boolean s = setsid;
        if (s == null) {
            s = runs("setsid", "true");
            setsid = s;
        }
        return s ? List.of("setsid") : List.of();
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
        return runs("setpriv", "--pdeathsig", "TERM", "--", "true");
    }

    private static boolean runs(String... command) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
