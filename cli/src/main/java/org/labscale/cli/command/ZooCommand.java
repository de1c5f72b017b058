package org.labscale.cli.command;

import java.util.Locale;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.sharing.ZooEntryDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zoo search}: model versions you may see (your labs', shared with them, public). */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = "The model zoo: every model version you may see, searchable.",
        subcommands = {ZooCommand.Search.class})
public final class ZooCommand extends Group {

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search the zoo (best validation Jaccard first); deprecated versions only with"
                    + " --include-deprecated.")
    static final class Search extends ApiCommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "WORDS",
                description = "Words of the model's name or description.")
        String words;

        @Option(names = "--task", paramLabel = "TASK", description = "e.g. semantic-segmentation.")
        String task;

        @Option(names = "--channel", paramLabel = "ROLE", description = "An input channel role, e.g. nuclear.")
        String channel;

        @Option(names = "--channels", paramLabel = "N", description = "Number of input channels.")
        Integer channels;

        @Option(names = "--tag", paramLabel = "TAG", description = "A class or cell type (interior:TAG).")
        String tag;

        @Option(names = "--lab-id", paramLabel = "LAB_ID", description = "Only this lab's versions.")
        UUID labId;

        @Option(names = "--licence", paramLabel = "SPDX", description = "e.g. CC-BY-4.0.")
        String licence;

        @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "jaccard",
                description = "jaccard, newest or name (default ${DEFAULT-VALUE}).")
        String sort;

        @Option(names = "--include-deprecated", description = "Show deprecated versions too.")
        boolean deprecated;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N versions (default ${DEFAULT-VALUE}).")
        int limit;

        Search(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder("/api/v1/zoo/models?sort=" + ApiClient.q(sort));
            add(query, "q", words);
            add(query, "task", task);
            add(query, "channel", channel);
            add(query, "channels", channels == null ? null : channels.toString());
            add(query, "tag", tag);
            add(query, "labId", labId == null ? null : labId.toString());
            add(query, "licence", licence);
            if (deprecated) {
                add(query, "includeDeprecated", "true");
            }
            ApiClient api = ctx.api();
            var listing = api.list(query.toString(), ZooEntryDto.class, limit);
            if (json()) {
                Output.json(out(), listing.items());
            } else {
                Output.Table table = new Output.Table("MODEL", "VERSION", "NAME", "LAB", "JACCARD", "LICENCE",
                        "CHANNELS", "SHARING");
                listing.items().forEach(e -> table.row(e.modelId(), "v" + e.version()
                                + (e.deprecated() ? " (deprecated)" : ""), e.name(), e.labName(),
                        e.meanPerCellJaccard() == null ? "" : String.format(Locale.ROOT, "%.3f",
                                e.meanPerCellJaccard()), Output.text(e.licence()),
                        e.channels() == null ? "" : String.join(",", e.channels()), e.visibility()));
                table.print(out());
            }
            warnIfTruncated(listing, "model versions");
            return 0;
        }

        private static void add(StringBuilder query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(ApiClient.q(value));
            }
        }
    }
}
