package org.labscale.cli.command.lab;

import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.command.ApiCommand;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.job.CreateWorkerRequest;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDto;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workers create|list|revoke}: worker credentials, a lab's own ({@code --lab}, owners) or shared ones that
 * serve every lab ({@code --shared}, the platform administrator).
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Worker credentials: a lab's own workers (--lab, owners) or shared ones (--shared, the "
                + "platform administrator). A worker node runs with its token in LABSCALE_WORKER_TOKEN."},
        subcommands = {WorkersCommand.Create.class, WorkersCommand.List.class, WorkersCommand.Revoke.class})
public final class WorkersCommand extends Group {

    /** Whose workers: exactly one of {@code --lab L} and {@code --shared}. */
    static final class Scope {
        @Option(names = "--lab", paramLabel = "LAB", description = "A lab's own workers (lab id or slug).")
        String lab;

        @Option(names = "--shared", description = "Shared workers that serve every lab (administrators).")
        boolean shared;

        String base(ApiClient api) {
            if (lab == null && !shared) {
                throw CliException.usage("Give --lab LAB or --shared.");
            }
            return shared ? "/api/v1/admin/workers" : "/api/v1/labs/" + ApiCommand.labId(api, lab) + "/workers";
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a worker credential. Prints its token (lsw_...), shown only once: start the "
                    + "worker with LABSCALE_WORKER_TOKEN set to it."})
    static final class Create extends ApiCommand {

        @ArgGroup(multiplicity = "1")
        Scope scope;

        @Parameters(index = "0", paramLabel = "NAME", description = "A name for people, e.g. gpu-box-2.")
        String name;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            WorkerDto worker = api.post(scope.base(api), new CreateWorkerRequest(name), WorkerDto.class);
            if (json()) {
                Output.json(out(), worker);
            } else {
                out().println(worker.token());
                err().println("Created worker '" + worker.name() + "' (" + worker.id() + ")"
                        + (worker.labId() == null ? ", shared by every lab" : "") + ". The token above is shown "
                        + "only once.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List worker credentials and what their nodes declared when they registered.")
    static final class List extends ApiCommand {

        @ArgGroup(multiplicity = "1")
        Scope scope;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var workers = api.list(scope.base(api), WorkerDto.class, Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), workers);
                return 0;
            }
            Output.Table table = new Output.Table("ID", "NAME", "TOKEN", "HOST", "DEVICE", "LAST_SEEN", "STATUS");
            workers.forEach(w -> table.row(w.id(), w.name(), w.tokenPrefix() + "...", w.host(),
                    device(w.capabilities()), Output.time(w.lastSeenAt()),
                    w.revokedAt() != null ? "revoked" : w.registeredAt() == null ? "not registered" : "active"));
            table.print(out());
            return 0;
        }

        private static String device(WorkerCapabilities c) {
            return c == null ? null : String.valueOf(c.device());
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a worker credential: its node can lease no more jobs.")
    static final class Revoke extends ApiCommand {

        @ArgGroup(multiplicity = "1")
        Scope scope;

        @Parameters(index = "0", paramLabel = "WORKER_ID", description = "Worker id.")
        UUID worker;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            api.delete(scope.base(api) + "/" + worker);
            err().println("Revoked worker " + worker + ".");
            return 0;
        }
    }
}
