package org.labscale.cli.command;

import java.util.Arrays;
import java.util.concurrent.Callable;

import org.labscale.cli.CliConfig;
import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.LoginRequest;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Signs in and stores the URL and token. A token given with {@code --token} is checked with {@code GET /me} before it
 * is stored, so a typo never replaces a working configuration.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign in and store the platform URL and a token in the configuration file (mode 600).",
                "With --token, the token is checked and stored. With --email, a password (asked for, or read from "
                        + "standard input with --password-stdin) gets a session token; --create-token NAME then "
                        + "makes a personal API token from it for unattended scripts, and the session is closed."})
public final class LoginCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    Output output;

    @Option(names = "--url", paramLabel = "URL",
            description = "The platform, e.g. http://127.0.0.1:8180. Default: $LABSCALE_URL, else the stored URL.")
    String url;

    @ArgGroup(multiplicity = "1")
    Credentials credentials;

    static final class Credentials {
        @Option(names = "--token", paramLabel = "TOKEN", description = "A personal API token (lsk_...).")
        String token;

        @Option(names = "--token-stdin", description = "Read the token from the first line of standard input.")
        boolean tokenStdin;

        @Option(names = "--email", paramLabel = "EMAIL", description = "Sign in with e-mail and password.")
        String email;
    }

    @Option(names = "--password-stdin", description = "With --email: read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--create-token", paramLabel = "NAME", arity = "0..1", fallbackValue = "labscale-cli",
            description = "With --email: store a new personal API token named NAME (default labscale-cli) instead "
                    + "of the session token.")
    String createToken;

    @Option(names = "--token-days", paramLabel = "DAYS", defaultValue = "90",
            description = "With --create-token: lifetime in days, 1 to 365 (default ${DEFAULT-VALUE}).")
    int tokenDays;

    @Option(names = "--read-only", description = "With --create-token: a READ token (GET only).")
    boolean readOnly;

    LoginCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (credentials.email == null && (passwordStdin || createToken != null || readOnly)) {
            throw CliException.usage("--password-stdin, --create-token and --read-only go with --email.");
        }
        CliConfig stored = ctx.config();
        String envUrl = ctx.env().get(CliContext.ENV_URL);
        String chosen = url != null ? url : envUrl != null && !envUrl.isBlank() ? envUrl : stored.url();
        if (chosen == null) {
            throw CliException.usage("Which platform? Give --url URL (e.g. http://127.0.0.1:8180) or set "
                    + CliContext.ENV_URL + ".");
        }
        ApiClient anonymous = ApiClient.create(chosen, null);

        String token;
        String kind;
        if (credentials.email == null) {
            token = credentials.tokenStdin ? ctx.firstLineOfInput("token") : credentials.token;
            if (token == null || token.isBlank()) {
                throw CliException.usage("The token is empty.");
            }
            kind = CliConfig.GIVEN;
        } else {
            char[] password = password();
            LoginResponse session;
            try {
                session = anonymous.post("/api/v1/auth/login", new LoginRequest(credentials.email, new String(password)),
                        LoginResponse.class);
            } finally {
                Arrays.fill(password, '\0');
            }
            token = session.token();
            kind = CliConfig.SESSION;
            if (createToken != null) {
                ApiClient asSession = anonymous.withToken(session.token());
                TokenDto created = asSession.post("/api/v1/me/tokens", new CreateTokenRequest(createToken,
                        readOnly ? TokenScope.READ : TokenScope.READ_WRITE, tokenDays), TokenDto.class);
                asSession.post("/api/v1/auth/logout", null); // the session is no longer needed
                token = created.token();
                kind = CliConfig.CREATED;
            }
        }
        MeDto me = anonymous.withToken(token).get("/api/v1/me", MeDto.class);
        new CliConfig(anonymous.baseUrl(), token, kind, me.email()).save(ctx.configFile());

        if (output.json()) {
            Output.json(ctx.out(), me);
        } else {
            ctx.out().println("Signed in to " + anonymous.baseUrl() + " as " + me.email() + " ("
                    + me.memberships().size() + " lab" + (me.memberships().size() == 1 ? "" : "s") + "); "
                    + describe(kind) + " stored in " + ctx.configFile() + ".");
        }
        String envToken = ctx.env().get(CliContext.ENV_TOKEN);
        if (envToken != null && !envToken.isBlank()) {
            ctx.err().println("labscale-cli: note: " + CliContext.ENV_TOKEN + " is set and overrides the stored token.");
        }
        return 0;
    }

    private static String describe(String kind) {
        return switch (kind) {
            case CliConfig.SESSION -> "session token";
            case CliConfig.CREATED -> "new personal API token";
            default -> "token";
        };
    }

    private char[] password() {
        if (passwordStdin) {
            return ctx.firstLineOfInput("password").toCharArray();
        }
        if (ctx.password() == null) {
            throw CliException.usage("No terminal to ask for the password: use --password-stdin, or --token.");
        }
        char[] password = ctx.password().get();
        if (password == null || password.length == 0) {
            throw CliException.usage("No password given.");
        }
        return password;
    }
}
