package org.labscale.cli.command;

import java.util.List;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.http.ApiClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code training-sets share|revoke}: letting other labs read a training-set version and train on it. */
public final class TrainingSetSharingCommands {

    private TrainingSetSharingCommands() {
    }

    /** A version of a training set (by id: its lab is the set's). */
    abstract static class OfSet extends VersionSharing {

        @Parameters(index = "0", paramLabel = "SET_ID", description = "Training set id.")
        UUID set;

        OfSet(CliContext ctx) {
            super(ctx);
        }

        @Override
        String versionPath(ApiClient api) {
            return "/api/v1/training-sets/" + set + "/versions/" + version;
        }
    }

    @Command(name = "share", mixinStandardHelpOptions = true,
            description = "Share a training-set version with other labs (--with LAB_ID, repeatable) or everyone"
                    + " (--public). Owners only.")
    static final class Share extends OfSet {

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
            description = "Revoke labs' grants (--from LAB_ID) or make a public version private again (--private).")
    static final class Revoke extends OfSet {

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
}
