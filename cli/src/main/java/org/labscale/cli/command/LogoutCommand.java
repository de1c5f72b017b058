package org.labscale.cli.command;

import java.util.concurrent.Callable;

import org.labscale.cli.CliConfig;
import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.ExitCodes;
import org.labscale.cli.http.ApiClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Forgets the stored token. Tokens the CLI made itself ({@code login --email}) are revoked on the platform first;
 * a token the user gave ({@code --token}) may be in use elsewhere, so it is only revoked with {@code --revoke}.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Remove the stored token (the URL is kept).",
                "Tokens made by 'login --email' are revoked on the platform first; a token given with --token only "
                        + "with --revoke."})
public final class LogoutCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--revoke", description = "Also revoke a token given with 'login --token'.")
    boolean revoke;

    @Option(names = "--keep-token", description = "Never revoke; only forget the token locally.")
    boolean keep;

    LogoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (revoke && keep) {
            throw CliException.usage("--revoke and --keep-token contradict each other.");
        }
        CliConfig stored = ctx.config();
        if (stored.token() == null) {
            ctx.out().println("Not signed in; nothing to do.");
            return 0;
        }
        boolean revokeIt = !keep && (revoke || !CliConfig.GIVEN.equals(stored.tokenKind()));
        String revoked = "";
        if (revokeIt && stored.url() != null) {
            try {
                ApiClient.create(stored.url(), stored.token()).post("/api/v1/auth/logout", null);
                revoked = " and revoked";
            } catch (CliException e) {
                if (e.exitCode() == ExitCodes.UNAVAILABLE) {
                    throw CliException.unavailable(e.getMessage() + " The token was not revoked and is still "
                            + "stored; try again, or forget it with --keep-token.", e);
                }
                revoked = " (the platform no longer accepted it)"; // expired or already revoked: nothing to revoke
            }
        }
        stored.withoutToken().save(ctx.configFile());
        ctx.out().println("Signed out" + (stored.email() == null ? "" : " " + stored.email()) + ": token removed from "
                + ctx.configFile() + revoked + ".");
        return 0;
    }
}
