package org.labscale.cli.command;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.lab.LabDto;

import picocli.CommandLine.Mixin;

/** A command that talks to the API as the signed-in user and prints a result ({@code --json} or a table). */
public abstract class ApiCommand implements Callable<Integer> {

    protected final CliContext ctx;

    @Mixin
    protected Output output;

    protected ApiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    protected PrintWriter out() {
        return ctx.out();
    }

    protected PrintWriter err() {
        return ctx.err();
    }

    protected boolean json() {
        return output.json();
    }

    /**
     * A lab by id or slug (or exact name) among the caller's labs. An unknown one exits 1, listing the caller's labs.
     */
    protected static UUID lab(ApiClient api, String ref) {
        return labId(api, ref);
    }

    /** {@link #lab}, for option groups and helpers that are not commands. */
    public static UUID labId(ApiClient api, String ref) {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            var labs = api.list("/api/v1/labs", LabDto.class, Integer.MAX_VALUE).items();
            return labs.stream().filter(l -> ref.equalsIgnoreCase(l.slug())).findFirst()
                    .or(() -> labs.stream().filter(l -> ref.equals(l.name())).findFirst())
                    .map(LabDto::id)
                    .orElseThrow(() -> CliException.refused("You are not a member of a lab '" + ref + "'. Your labs: "
                            + (labs.isEmpty() ? "none" : String.join(", ", labs.stream().map(LabDto::slug).toList()))
                            + "."));
        }
    }

    /** Warns on standard error when a list was cut at {@code --limit}. */
    protected void warnIfTruncated(ApiClient.Listing<?> listing, String what) {
        if (listing.truncated()) {
            err().println("labscale-cli: showing " + listing.items().size() + " of " + listing.total() + " " + what
                    + "; raise --limit to see more.");
        }
    }
}
