package org.labscale.cli.command;

import java.util.List;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models share|revoke|fork}: sharing a lab's model versions with other labs, and copying theirs. */
public final class ModelSharingCommands {

    private ModelSharingCommands() {
    }

    /** A version of one of the lab's models. */
    abstract static class OfModel extends VersionSharing {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or name.")
        String model;

        OfModel(CliContext ctx) {
            super(ctx);
        }

        @Override
        String versionPath(ApiClient api) {
            UUID labId = lab(api, lab);
            return ModelsCommand.base(labId) + "/" + ModelsCommand.model(api, labId, model).id() + "/versions/"
                    + version;
        }
    }

    @Command(name = "share", mixinStandardHelpOptions = true,
            description = "Share a model version with other labs (--with LAB_ID, repeatable) or everyone (--public)."
                    + " Owners only.")
    static final class Share extends OfModel {

        @Option(names = "--with", paramLabel = "LAB_ID", description = "A lab to grant (its id).")
        List<UUID> with;

        @Option(names = "--public", description = "Make the version public (every signed-in user).")
        boolean everyone;

        Share(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return share(with, everyone);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke labs' grants (--from LAB_ID, repeatable) or make a public version private again"
                    + " (--private). Their new jobs are refused at once; running ones finish.")
    static final class Revoke extends OfModel {

        @Option(names = "--from", paramLabel = "LAB_ID", description = "A lab whose grant to take back.")
        List<UUID> from;

        @Option(names = "--private", description = "Make a public version private (grants stay).")
        boolean everyone;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return revoke(from, everyone);
        }
    }

    @Command(name = "fork", mixinStandardHelpOptions = true,
            description = {"Copy a model version you may see (another lab's shared or public one) into your lab as a"
                    + " new model that remembers its origin.", "Prints the new model's id."})
    static final class Fork extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Your lab (id or slug).")
        String lab;

        @Parameters(index = "0", paramLabel = "MODEL_ID", description = "The model to copy (its id).")
        UUID model;

        @Option(names = "--version", required = true, paramLabel = "N", description = "The version to copy.")
        int version;

        @Option(names = "--name", paramLabel = "NAME", description = "The copy's name (default: the origin's).")
        String name;

        Fork(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            ForkDto fork = api.post("/api/v1/labs/" + lab(api, lab) + "/forks/models",
                    new ForkRequest(model, version, name), ForkDto.class);
            if (json()) {
                Output.json(out(), fork);
            } else {
                out().println(fork.id());
                err().println("Forked '" + fork.origin().name() + "' v" + fork.origin().version() + " of lab "
                        + fork.origin().labName() + " as '" + fork.name() + "'.");
            }
            return 0;
        }
    }
}
