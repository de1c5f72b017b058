package org.labscale.cli.command.lab;

import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.command.ApiCommand;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokens create|list|revoke}: the signed-in user's personal API tokens. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Your personal API tokens (lsk_...), for scripts and CI jobs ('login --token', LABSCALE_TOKEN).",
        subcommands = {TokensCommand.Create.class, TokensCommand.List.class, TokensCommand.Revoke.class})
public final class TokensCommand extends Group {

    static final String BASE = "/api/v1/me/tokens";

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a personal API token; prints it (shown only once). It is not stored: use "
                    + "'login --token' or LABSCALE_TOKEN.")
    static final class Create extends ApiCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "What it is for, e.g. \"nightly pipeline\".")
        String name;

        @Option(names = "--days", paramLabel = "DAYS", defaultValue = "90",
                description = "Lifetime in days, 1 to 365 (default ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--read-only", description = "A READ token (GET only).")
        boolean readOnly;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            TokenDto token = ctx.api().post(BASE, new CreateTokenRequest(name, readOnly ? TokenScope.READ
                    : TokenScope.READ_WRITE, days), TokenDto.class);
            if (json()) {
                Output.json(out(), token);
            } else {
                out().println(token.token());
                err().println("Created " + token.scope() + " token '" + token.name() + "' (" + token.id()
                        + "), expires " + Output.time(token.expiresAt()) + ". It is shown only once.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your personal API tokens.")
    static final class List extends ApiCommand {

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            var tokens = ctx.api().list(BASE, TokenDto.class, Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), tokens);
                return 0;
            }
            Output.Table table = new Output.Table("ID", "NAME", "SCOPE", "PREFIX", "EXPIRES", "LAST_USED", "STATUS");
            tokens.forEach(t -> table.row(t.id(), t.name(), t.scope(), t.prefix() + "...", Output.time(t.expiresAt()),
                    Output.time(t.lastUsedAt()), t.revokedAt() == null ? "active" : "revoked"));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one of your API tokens.")
    static final class Revoke extends ApiCommand {

        @Parameters(index = "0", paramLabel = "TOKEN_ID", description = "Token id (from 'tokens list').")
        UUID token;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ctx.api().delete(BASE + "/" + token);
            err().println("Revoked token " + token + ".");
            return 0;
        }
    }
}
