package org.labscale.cli.command;

import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;

import picocli.CommandLine.Option;

/**
 * {@code fork} of one version, whatever its kind (model or training set): a copy into the caller's lab that
 * remembers its origin. Subclasses name the kind ({@link #kind}, the path segment under {@code forks/}) and hold
 * the origin's id. Prints the copy's id, and on standard error what was copied.
 */
abstract class VersionFork extends ApiCommand {

    @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Your lab (id or slug).")
    String lab;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version to copy.")
    int version;

    @Option(names = "--name", paramLabel = "NAME", description = "The copy's name (default: the origin's).")
    String name;

    VersionFork(CliContext ctx) {
        super(ctx);
    }

    /** {@code models} or {@code training-sets}. */
    abstract String kind();

    /** The id of the model or training set to copy. */
    abstract UUID origin();

    @Override
    public Integer call() {
        ApiClient api = ctx.api();
        ForkDto fork = api.post("/api/v1/labs/" + lab(api, lab) + "/forks/" + kind(),
                new ForkRequest(origin(), version, name), ForkDto.class);
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
