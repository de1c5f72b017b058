package org.labscale.cli.command.lab;

import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.command.ApiCommand;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.MemberDto;
import org.labscale.shared.lab.MemberRoleRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labs members list|role|remove}. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = "A lab's members; owners change roles and remove members, anyone may leave.",
        subcommands = {LabMembersCommand.List.class, LabMembersCommand.ChangeRole.class,
                LabMembersCommand.Remove.class})
public final class LabMembersCommand extends Group {

    static String base(UUID lab) {
        return "/api/v1/labs/" + lab + "/members";
    }

    /** A member by user id or e-mail (case-insensitive); an unknown one exits 1, listing the members. */
    static UUID member(ApiClient api, UUID lab, String ref) {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            var members = api.list(base(lab), MemberDto.class, Integer.MAX_VALUE).items();
            return members.stream().filter(m -> ref.equalsIgnoreCase(m.email())).findFirst().map(MemberDto::userId)
                    .orElseThrow(() -> CliException.refused("The lab has no member '" + ref + "'. Its members: "
                            + String.join(", ", members.stream().map(MemberDto::email).toList()) + "."));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's members and their roles.")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var members = api.list(base(lab(api, lab)), MemberDto.class, Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), members);
                return 0;
            }
            Output.Table table = new Output.Table("EMAIL", "NAME", "ROLE", "SINCE", "USER_ID");
            members.forEach(m -> table.row(m.email(), m.displayName(), m.role(), Output.time(m.since()), m.userId()));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Change a member's role (owners). A lab always keeps an owner.")
    static final class ChangeRole extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MEMBER", description = "The member's user id or e-mail.")
        String member;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "${COMPLETION-CANDIDATES}.")
        Role role;

        ChangeRole(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            MemberDto changed = api.put(base(labId) + "/" + member(api, labId, member),
                    new MemberRoleRequest(role), MemberDto.class);
            if (json()) {
                Output.json(out(), changed);
            } else {
                err().println(changed.email() + " is now " + changed.role() + " in lab " + lab + ".");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a member (owners), or leave the lab (your own e-mail).")
    static final class Remove extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MEMBER", description = "The member's user id or e-mail.")
        String member;

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            api.delete(base(labId) + "/" + member(api, labId, member));
            err().println("Removed " + member + " from lab " + lab + ".");
            return 0;
        }
    }
}
