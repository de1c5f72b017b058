package org.labscale.cli.command;

import java.util.List;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.http.ApiClient;

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
    static final class Fork extends VersionFork {

        @Parameters(index = "0", paramLabel = "MODEL_ID", description = "The model to copy (its id).")
        UUID model;

        Fork(CliContext ctx) {
            super(ctx);
        }

        @Override
        String kind() {
            return "models";
        }

        @Override
        UUID origin() {
            return model;
        }
    }
}
