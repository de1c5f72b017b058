package org.labscale.cli.command.lab;

import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.command.ApiCommand;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.AcceptInvitationRequest;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labs invitations create|list|revoke|accept}. */
@Command(name = "invitations", mixinStandardHelpOptions = true,
        description = "Invitations into a lab: owners invite by e-mail; whoever holds the token joins.",
        subcommands = {LabInvitationsCommand.Create.class, LabInvitationsCommand.List.class,
                LabInvitationsCommand.Revoke.class, LabInvitationsCommand.Accept.class})
public final class LabInvitationsCommand extends Group {

    static String base(UUID lab) {
        return "/api/v1/labs/" + lab + "/invitations";
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Invite an e-mail address into a lab (owners). Prints the invitation token, which is "
                    + "shown only once: hand it to the person, who runs 'labs invitations accept TOKEN'."})
    static final class Create extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Who is invited.")
        String email;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "MEMBER",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Role role;

        @Option(names = "--days", paramLabel = "DAYS", description = "Valid for this many days (default: the platform's).")
        Integer days;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            InvitationDto invitation = api.post(base(lab(api, lab)), new InvitationRequest(email, role, days),
                    InvitationDto.class);
            if (json()) {
                Output.json(out(), invitation);
            } else {
                out().println(invitation.token());
                err().println("Invited " + invitation.email() + " as " + invitation.role() + " (invitation "
                        + invitation.id() + ", expires " + Output.time(invitation.expiresAt()) + "). The token "
                        + "above is shown only once.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's invitations (owners).")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var invitations = api.list(base(lab(api, lab)), InvitationDto.class, Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), invitations);
                return 0;
            }
            Output.Table table = new Output.Table("ID", "EMAIL", "ROLE", "STATUS", "EXPIRES");
            invitations.forEach(i -> table.row(i.id(), i.email(), i.role(), i.acceptedAt() != null ? "accepted"
                    : i.revokedAt() != null ? "revoked" : "open", Output.time(i.expiresAt())));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an open invitation (owners).")
    static final class Revoke extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "INVITATION_ID", description = "Invitation id.")
        UUID invitation;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            api.delete(base(lab(api, lab)) + "/" + invitation);
            err().println("Revoked invitation " + invitation + ".");
            return 0;
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"Join a lab with an invitation token.",
                    "Signed in, you join with your account. Not signed in (only a URL: --url or a stored one), an "
                            + "account is created for the invited e-mail with --display-name and a password read "
                            + "from standard input (--password-stdin); then sign in with 'login --email'."})
    static final class Accept extends ApiCommand {

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The invitation token.")
        String token;

        @Option(names = "--url", paramLabel = "URL", description = "The platform, when not signed in.")
        String url;

        @Option(names = "--display-name", paramLabel = "NAME", description = "Your name, for a new account.")
        String displayName;

        @Option(names = "--password-stdin", description = "Read a new account's password from standard input.")
        boolean passwordStdin;

        Accept(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            CliContext.Connection c = ctx.connection();
            boolean newAccount = passwordStdin || displayName != null;
            String base = url != null ? url : c.url();
            if (base == null) {
                throw CliException.usage("Which platform? Give --url URL or sign in first with 'labscale-cli login'.");
            }
            if (!newAccount && c.token() == null) {
                throw CliException.usage("Not signed in: sign in first ('labscale-cli login'), or create an account "
                        + "with --display-name NAME --password-stdin.");
            }
            ApiClient api = ApiClient.create(base, newAccount ? null : c.token());
            String password = passwordStdin ? ctx.firstLineOfInput("password") : null;
            MembershipDto joined = api.post("/api/v1/invitations/accept",
                    new AcceptInvitationRequest(token, displayName, password), MembershipDto.class);
            if (json()) {
                Output.json(out(), joined);
            } else {
                out().println(joined.labId());
                err().println("Joined lab '" + joined.labName() + "' (" + joined.labSlug() + ") as " + joined.role()
                        + "." + (newAccount ? " Sign in with: labscale-cli login --url " + api.baseUrl()
                        + " --email EMAIL" : ""));
            }
            return 0;
        }
    }
}
