package org.labscale.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JavaType;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobOutputDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs outputs JOB [--zip FILE | --name NAME -o FILE]}: the objects a successful job stored. */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = {"List the objects a job's successful attempt stored (name, size); or download them all as one "
                + "zip (--zip FILE), or one of them (--name NAME -o FILE).",
                "TRAINING jobs store member-<i>.onnx and card.json; SEGMENTATION jobs <imageId>/labels.tif, "
                        + "labels.png, overlay.png, cells.csv (probabilities.tif when asked), scores.json and "
                        + "report.json; TRACKING jobs ctc/maskTTT.tif per frame, ctc/res_track.txt, tracks.csv, "
                        + "growth.csv and report.json."})
public final class JobOutputsCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "Job id.")
    UUID job;

    @Option(names = "--zip", paramLabel = "FILE", description = "Download every output as one zip file.")
    Path zip;

    @Option(names = "--name", paramLabel = "NAME", description = "Download this output (with -o).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where --name goes.")
    Path output;

    public JobOutputsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws IOException {
        if (zip != null && (name != null || output != null)) {
            throw CliException.usage("Use either --zip FILE or --name NAME -o FILE, not both.");
        }
        if ((name == null) != (output == null)) {
            throw CliException.usage("--name and -o go together: --name NAME -o FILE.");
        }
        ApiClient api = ctx.api();
        JobDto j = api.get(JobsCommand.path(job), JobDto.class);
        String base = "/api/v1/labs/" + j.labId() + "/jobs/" + job;
        if (zip != null) {
            ApiClient.Download d = SaveFile.save(api, base + "/outputs.zip", zip, null, "the outputs of job " + job);
            out().println(zip);
            err().println("Downloaded the outputs of job " + job + " (" + Output.bytes(d.bytes()) + ").");
            return 0;
        }
        if (name != null) {
            ApiClient.Download d = SaveFile.save(api, base + "/outputs/" + encodePath(name), output, null,
                    "output '" + name + "' of job " + job);
            out().println(output);
            err().println("Downloaded " + name + " (" + Output.bytes(d.bytes()) + ", sha256 " + d.sha256() + ").");
            return 0;
        }
        JavaType type = api.json().getTypeFactory().constructCollectionType(List.class, JobOutputDto.class);
        List<JobOutputDto> outputs = api.<List<JobOutputDto>>send("GET", base + "/outputs", null,
                java.util.Map.of(), type).body();
        if (json()) {
            Output.json(out(), outputs);
        } else {
            Output.Table table = new Output.Table("NAME", "SIZE", "CREATED");
            outputs.forEach(o -> table.row(o.name(), Output.bytes(o.sizeBytes()), Output.time(o.createdAt())));
            table.print(out());
            if (outputs.isEmpty()) {
                err().println("labscale-cli: job " + job + " is " + j.state() + " and has no outputs"
                        + (j.state().name().equals("SUCCEEDED") ? "." : " (only a successful job has)."));
            }
        }
        return 0;
    }

    /** Each path segment of an output name URL-encoded; the slashes between them stay. */
    static String encodePath(String name) {
        StringBuilder b = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }
}
