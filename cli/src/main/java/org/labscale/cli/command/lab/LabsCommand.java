package org.labscale.cli.command.lab;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.command.ApiCommand;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labs list|create|members|invitations}: labs and who belongs to them. */
@Command(name = "labs", mixinStandardHelpOptions = true,
        description = "Labs: the ones you belong to, new ones, their members and invitations.",
        subcommands = {LabsCommand.List.class, LabsCommand.Create.class, LabMembersCommand.class,
                LabInvitationsCommand.class})
public final class LabsCommand extends Group {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your labs with your role in each.")
    static final class List extends ApiCommand {

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var labs = api.list("/api/v1/labs", LabDto.class, Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), labs);
                return 0;
            }
            Output.Table table = new Output.Table("SLUG", "NAME", "ROLE", "ID");
            labs.forEach(l -> table.row(l.slug(), l.name(), l.role(), l.id()));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a lab; you become its owner. Prints its id (its slug on standard error).",
                    "Without --slug the platform derives one from the name."})
    static final class Create extends ApiCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The lab's name.")
        String name;

        @Option(names = "--slug", paramLabel = "SLUG", description = "Short name for URLs and --lab, e.g. van-valen.")
        String slug;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the lab does.")
        String description;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            LabDto lab = ctx.api().post("/api/v1/labs", new LabRequest(name, slug, description), LabDto.class);
            if (json()) {
                Output.json(out(), lab);
            } else {
                out().println(lab.id());
                err().println("Created lab '" + lab.name() + "' (slug " + lab.slug() + "); you are its "
                        + lab.role() + ".");
            }
            return 0;
        }
    }
}
