package org.labscale.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import org.labscale.cli.http.ApiClient;

/**
 * Everything a command reads from its surroundings: environment variables, the configuration file, standard
 * streams and the terminal. {@link #system()} is the real one; tests build their own, so no command touches
 * {@code System.getenv}, {@code System.in} or the user's home directly.
 *
 * @param env        environment variables ({@code LABSCALE_URL}, {@code LABSCALE_TOKEN} override the stored ones)
 * @param configFile where {@code login} stores the URL and token
 * @param in         standard input ({@code --password-stdin}, {@code --token-stdin}, {@code --payload -})
 * @param out        standard output: results only, so scripts can parse it
 * @param err        standard error: progress, warnings, errors
 * @param password   asks for a password without echo; null when there is no terminal
 * @param clock      the time, for printed times and how often {@code jobs follow} repeats an unchanged job
 */
public record CliContext(Map<String, String> env, Path configFile, InputStream in, PrintWriter out, PrintWriter err,
                         Supplier<char[]> password, Clock clock) {

    public static final String ENV_URL = "LABSCALE_URL";
    public static final String ENV_TOKEN = "LABSCALE_TOKEN";
    /** Moves the configuration file, e.g. for a CI job or a second account. */
    public static final String ENV_CONFIG = "LABSCALE_CLI_CONFIG";

    /** The real process surroundings. */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        Console console = System.console();
        Supplier<char[]> password = console == null ? null : () -> console.readPassword("Password: ");
        return new CliContext(env, defaultConfigFile(env, Path.of(System.getProperty("user.home"))), System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), password, Clock.systemDefaultZone());
    }

    /** {@code $LABSCALE_CLI_CONFIG}, else {@code $XDG_CONFIG_HOME/labscale/cli.properties}, else under ~/.config. */
    public static Path defaultConfigFile(Map<String, String> env, Path home) {
        String explicit = env.get(ENV_CONFIG);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("labscale").resolve("cli.properties");
    }

    public CliConfig config() {
        return CliConfig.load(configFile);
    }

    /** The platform URL and token to use: environment first, then the configuration file. */
    public Connection connection() {
        CliConfig stored = config();
        String envUrl = blankToNull(env.get(ENV_URL));
        String envToken = blankToNull(env.get(ENV_TOKEN));
        String url = envUrl != null ? envUrl : stored.url();
        String token = envToken != null ? envToken : stored.token();
        String tokenSource = envToken != null ? ENV_TOKEN : stored.token() != null ? configFile.toString() : null;
        return new Connection(url == null ? null : ApiClient.normaliseUrl(url), token, tokenSource);
    }

    /** A client signed in as the configured user; a usage error (exit 2) when there is no URL or token. */
    public ApiClient api() {
        Connection c = connection();
        if (c.url() == null) {
            throw CliException.usage("No platform URL: run 'labscale-cli login --url URL --token TOKEN' or set "
                    + ENV_URL + ".");
        }
        if (c.token() == null) {
            throw CliException.usage("Not signed in to " + c.url() + ": run 'labscale-cli login' or set " + ENV_TOKEN
                    + ".");
        }
        return ApiClient.create(c.url(), c.token());
    }

    /** The first line of standard input, stripped; a usage error (exit 2) when there is none. */
    public String firstLineOfInput(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw CliException.usage("Standard input held no " + what + ".");
            }
            return line.strip();
        } catch (IOException e) {
            throw CliException.usage("Reading the " + what + " from standard input failed: " + e.getMessage());
        }
    }

    /**
     * Where requests go and with which token.
     *
     * @param tokenSource {@code LABSCALE_TOKEN} or the configuration file's path; null without a token
     */
    public record Connection(String url, String token, String tokenSource) {
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
