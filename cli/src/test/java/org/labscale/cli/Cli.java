package org.labscale.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Runs {@code labscale-cli} in this JVM with its own environment, configuration file and captured streams. */
final class Cli {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final Path config;
    String stdin = "";
    Supplier<char[]> password;
    Clock clock = Clock.systemDefaultZone();

    Cli(Path config) {
        this.config = config;
    }

    /** Signed in through the environment, as a CI job would be. */
    static Cli signedIn(Path dir, StubApi api) {
        Cli cli = new Cli(dir.resolve("cli.properties"));
        cli.env.put("LABSCALE_URL", api.url());
        cli.env.put("LABSCALE_TOKEN", "lsk_test");
        return cli;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.copyOf(env), config,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), password, clock);
        int exit = LabscaleCli.run(ctx, args);
        return new Result(exit, out.toString(), err.toString());
    }
}
