package org.labscale.cli.command;

import java.util.List;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.http.ApiClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code training-sets share|revoke|fork}: letting other labs read and train on a version, and copying theirs. */
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

    @Command(name = "fork", mixinStandardHelpOptions = true,
            description = {"Copy a training-set version you may see (another lab's shared or public one) into your"
                    + " lab: its images and masks into a new project, a new set that remembers its origin.",
                    "Prints the new training set's id."})
    static final class Fork extends VersionFork {

        @Parameters(index = "0", paramLabel = "SET_ID", description = "The training set to copy (its id).")
        UUID set;

        Fork(CliContext ctx) {
            super(ctx);
        }

        @Override
        String kind() {
            return "training-sets";
        }

        @Override
        UUID origin() {
            return set;
        }
    }
}
