package org.labscale.cli.command;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.lab.LabDto;

import picocli.CommandLine.Command;

/** {@code labs list}. */
@Command(name = "labs", mixinStandardHelpOptions = true, description = "The labs you belong to.",
        subcommands = LabsCommand.List.class)
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
}
