package org.labscale.cli.command;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.MembershipDto;

import picocli.CommandLine.Command;

/** Who the configured token belongs to, and where it came from. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the signed-in user, their labs and roles, and where the URL and token come from.")
public final class WhoamiCommand extends ApiCommand {

    WhoamiCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ApiClient api = ctx.api();
        MeDto me = api.get("/api/v1/me", MeDto.class);
        if (json()) {
            Output.json(out(), me);
            return 0;
        }
        out().println("Platform  " + api.baseUrl());
        out().println("User      " + me.email() + (me.displayName() == null ? "" : " (" + me.displayName() + ")")
                + (me.platformAdmin() ? ", platform administrator" : ""));
        out().println("Token     from " + ctx.connection().tokenSource());
        out().println();
        Output.Table labs = new Output.Table("LAB", "NAME", "ROLE", "ID");
        for (MembershipDto m : me.memberships()) {
            labs.row(m.labSlug(), m.labName(), m.role(), m.labId());
        }
        labs.print(out());
        return 0;
    }
}
