package org.labscale.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU goes, per component, from Linux's {@code /proc}: a {@link #snapshot()} before and after a
 * round, then {@link #perJob} divides the difference by the jobs done. The benchmark JVM counts only its own threads
 * (the simulated clients, JIT and GC); each child process of it (the platform's API, PostgreSQL, S3Proxy...) counts
 * with all its descendants, living ({@code utime + stime}) and reaped ({@code cutime + cstime}: PostgreSQL backends
 * that exited). "machine" is every CPU's busy time from {@code /proc/stat}; "other" is what the machine spent outside
 * these processes (other users of the machine, the kernel's own threads, the Maven JVM that forked this one).
 * Linux only; elsewhere the snapshot is empty and the report says so.
 */
final class ProcessCpu {

    /** Linux's USER_HZ, fixed at 100 on x86-64 and arm64 (what {@code getconf CLK_TCK} answers). */
    private static final double MS_PER_TICK = 10;
    static final String SELF = "benchmark JVM (clients)";
    static final String MACHINE = "machine";
    static final String OTHER = "other";

    private ProcessCpu() {
    }

    /** CPU milliseconds so far, per component name, with {@link #MACHINE} the whole machine's busy time. */
    static Map<String, Double> snapshot() {
        Map<String, Double> ms = new LinkedHashMap<>();
        try {
            Map<Long, long[]> stats = new HashMap<>(); // pid -> {ppid, own ticks, reaped children's ticks}
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    long[] s = stat(p.resolve("stat"));
                    if (s != null) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        stats.put(pid, s);
                    }
                }
            }
            long self = ProcessHandle.current().pid();
            ms.put(SELF, stats.getOrDefault(self, new long[3])[1] * MS_PER_TICK);
            Map<Long, List<Long>> children = new HashMap<>();
            stats.forEach((pid, s) -> children.computeIfAbsent(s[0], k -> new ArrayList<>()).add(pid));
            for (long child : children.getOrDefault(self, List.of())) {
                ms.merge(component(child), subtree(child, stats, children) * MS_PER_TICK, Double::sum);
            }
            ms.put(MACHINE, machineBusyTicks() * MS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            ms.clear(); // not Linux, or /proc unreadable: report nothing rather than something wrong
        }
        return ms;
    }

    /** CPU-ms per job between two snapshots, per component, then "other" and "machine". */
    static Map<String, Double> perJob(Map<String, Double> before, Map<String, Double> after, int jobs) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (before.isEmpty() || after.isEmpty()) {
            return out;
        }
        double known = 0;
        for (var e : after.entrySet()) {
            if (!e.getKey().equals(MACHINE)) {
                double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                out.put(e.getKey(), d / jobs);
                known += d;
            }
        }
        double machine = after.get(MACHINE) - before.get(MACHINE);
        out.put(OTHER, (machine - known) / jobs);
        out.put(MACHINE, machine / jobs);
        return out;
    }

    /** A short name for a child process of this JVM, from its command line. */
    private static String component(long pid) {
        String cmd;
        try {
            cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "child " + pid;
        }
        if (cmd.contains("postgres")) {
            return "PostgreSQL";
        }
        if (cmd.contains("platform-api")) {
            return "API";
        }
        if (cmd.contains("s3proxy")) {
            return "S3Proxy";
        }
        if (cmd.contains("gpu-worker")) {
            return "gpu-worker";
        }
        if (cmd.contains("web-ui")) {
            return "web-ui";
        }
        return "other children";
    }

    private static long subtree(long pid, Map<Long, long[]> stats, Map<Long, List<Long>> children) {
        long[] s = stats.get(pid);
        long sum = s[1] + s[2];
        for (long c : children.getOrDefault(pid, List.of())) {
            sum += subtree(c, stats, children);
        }
        return sum;
    }

    /** {ppid, utime + stime, cutime + cstime} in ticks, or null if the process is gone. */
    private static long[] stat(Path file) {
        try {
            String s = Files.readString(file);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" "); // the name may hold spaces and ')'
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** All CPUs' busy ticks: user, nice, system, irq, softirq (not idle, iowait, or steal: time the host kept). */
    private static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
    }
}
