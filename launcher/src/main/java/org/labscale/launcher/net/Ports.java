package org.labscale.launcher.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/** Free-port and port-in-use checks on this machine. */
public final class Ports {

    private Ports() {
    }

    /**
     * A TCP port that was free a moment ago (bound on 127.0.0.1 with port 0 and released). Another process
     * may take it before you do; fine for tests.
     */
    public static int findFreePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free TCP port", e);
        }
    }

    /**
     * {@code n} different TCP ports, each free a moment ago: all are held open until every one is chosen, so the
     * system cannot hand out one of them twice (as separate {@link #findFreePort()} calls may).
     */
    public static int[] findFreePorts(int n) {
        ServerSocket[] held = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find " + n + " free TCP ports", e);
        } finally {
            for (ServerSocket s : held) {
                closeQuietly(s);
            }
        }
    }

    /** A port as {@link #findFreePort()} finds one, but none of {@code taken}. */
    public static int findFreePortExcept(int... taken) {
        while (true) {
            int port = findFreePort();
            if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
    }

    private static void closeQuietly(ServerSocket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // the port was only held to keep it from being handed out twice
        }
    }

    /**
     * True if something listens on {@code port} (on any address), or the port cannot be bound on all
     * interfaces. Both checks are made because a server bound to 127.0.0.1 only, or to IPv6 only, does not
     * always make a wildcard bind fail.
     */
    public static boolean isInUse(int port) {
        checkPort(port);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException notListening) {
            // nothing answers on loopback; now check that we could bind it
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True once something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        checkPort(port);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@link #isInUse(int)} is false, up to {@code timeout}; returns whether it became free. */
    public static boolean awaitFree(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isInUse(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " is not between 1 and 65535");
        }
    }
}
