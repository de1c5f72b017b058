package org.labscale.it.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code labscale-cli} ({@code cli/target/labscale-cli.jar} with its {@code lib/}) run as its own
 * process, the way a pipeline script runs it, with its own configuration file and no inherited Labscale variables.
 */
final class CliProcess {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    final Path jar;
    final Path config;
    final Map<String, String> env = new HashMap<>();

    CliProcess(Path config) {
        Path home = Path.of(System.getProperty("labscale.home", "..")).toAbsolutePath().normalize();
        this.jar = home.resolve("cli/target/labscale-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl cli -am install)");
        }
        this.config = config;
    }

    Result run(String... args) {
        return run(null, 120, args);
    }

    /** Runs one command; {@code stdin} may be null; the process is killed after {@code timeoutSeconds}. */
    Result run(String stdin, int timeoutSeconds, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("LABSCALE_URL");
        pb.environment().remove("LABSCALE_TOKEN");
        pb.environment().put("LABSCALE_CLI_CONFIG", config.toString());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("labscale-cli " + String.join(" ", args) + " ran longer than "
                        + timeoutSeconds + " s; so far:\n" + out.getNow("") + err.getNow(""));
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
