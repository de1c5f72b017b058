package org.labscale.cli.command;

import java.util.ArrayList;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code projects list|create}. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "A lab's projects.",
        subcommands = {ProjectsCommand.List.class, ProjectsCommand.Create.class})
public final class ProjectsCommand extends Group {

    static void print(java.io.PrintWriter out, java.util.List<ProjectDto> projects) {
        Output.Table table = new Output.Table("ID", "NAME", "IMAGES", "TAGS", "UPDATED");
        projects.forEach(p -> table.row(p.id(), p.name(), p.imageCount(), String.join(",", p.tags()),
                Output.time(p.updatedAt())));
        table.print(out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's projects.")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only projects with this tag.")
        String tag;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
                description = "At most N projects (default ${DEFAULT-VALUE}).")
        int limit;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            var listing = api.list("/api/v1/labs/" + labId + "/projects" + (tag == null ? "" : "?tag=" + ApiClient.q(tag)),
                    ProjectDto.class, limit);
            if (json()) {
                Output.json(out(), listing.items());
            } else {
                print(out(), listing.items());
            }
            warnIfTruncated(listing, "projects");
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a project; prints its id.")
    static final class Create extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "NAME", description = "The project's name.")
        String name;

        @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "Tags (repeat, or comma-separated).")
        java.util.List<String> tags = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", description = "What the project is about.")
        String description;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            ProjectDto project = api.post("/api/v1/labs/" + labId + "/projects",
                    new ProjectRequest(name, description, tags), ProjectDto.class);
            if (json()) {
                Output.json(out(), project);
            } else {
                out().println(project.id());
                err().println("Created project '" + project.name() + "' in lab " + lab + ".");
            }
            return 0;
        }
    }
}
