package org.labscale.launcher.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How initdb and postgres are run. Both refuse to run as root, so as root they run either in a fresh user
 * namespace ({@code unshare -U}: they see themselves as {@code nobody}, files stay owned by root on disk) or,
 * where user namespaces are refused, really as {@code nobody} through {@code setpriv} (the data folder is
 * then owned by uid 65534).
 *
 * <p>{@link #detect()} picks one; the system property {@code labscale.pg.run-as} (or environment variable
 * {@code LABSCALE_PG_RUN_AS}) set to {@code direct}, {@code unshare} or {@code setpriv} forces one.
 */
public enum RunAs {
    /** Not root: run the binaries as we are. */
    DIRECT(-1),
    /** Root with user namespaces: {@code unshare -U}. */
    USER_NAMESPACE(0),
    /** Root without user namespaces: {@code setpriv --reuid=65534 --regid=65534 --clear-groups --}. */
    NOBODY(65534);

    /** The uid to own the data folder, or -1 to leave ownership alone. */
    final int dataOwnerUid;

    RunAs(int dataOwnerUid) {
        this.dataOwnerUid = dataOwnerUid;
    }

    /** The command prefix. */
    List<String> prefix() {
        return switch (this) {
            case DIRECT -> List.of();
            case USER_NAMESPACE -> List.of("unshare", "-U");
            case NOBODY -> List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
        };
    }

    private static volatile RunAs detected;

    /** The mode for this machine and user; probed once. */
    public static RunAs detect() {
        RunAs d = detected;
        if (d == null) {
            d = forced();
            if (d == null) {
                if (!isRoot()) {
                    d = DIRECT;
                } else {
                    d = userNamespacesWork() ? USER_NAMESPACE : NOBODY;
                }
            }
            detected = d;
        }
        return d;
    }

    private static RunAs forced() {
        String v = System.getProperty("labscale.pg.run-as");
        if (v == null || v.isBlank()) {
            v = System.getenv("LABSCALE_PG_RUN_AS");
        }
        if (v == null || v.isBlank() || v.equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (v.trim().toLowerCase()) {
            case "direct" -> DIRECT;
            case "unshare" -> USER_NAMESPACE;
            case "setpriv", "nobody" -> NOBODY;
            default -> throw new IllegalArgumentException(
                    "labscale.pg.run-as is '" + v + "'; use auto, direct, unshare or setpriv");
        };
    }

    /** True if this process runs with effective uid 0. */
    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code unshare -U id -u} must succeed and print a non-zero uid. */
    static boolean userNamespacesWork() {
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.equals("0")
                    && out.matches("\\d+");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
