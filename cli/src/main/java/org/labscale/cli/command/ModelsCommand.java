package org.labscale.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.SerializationFeature;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.cli.http.Json;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models list|show|download|export|import}: the lab's model registry (versions are made by TRAINING jobs). */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "A lab's trained models: their versions, model cards and ONNX ensemble members.",
        subcommands = {ModelsCommand.List.class, ModelsCommand.Show.class, ModelsCommand.Download.class,
                ModelSharingCommands.Share.class, ModelSharingCommands.Revoke.class, ModelSharingCommands.Fork.class,
                ModelPackageCommands.Export.class, ModelPackageCommands.Import.class})
public final class ModelsCommand extends Group {

    static String base(UUID lab) {
        return "/api/v1/labs/" + lab + "/models";
    }

    /** A model by id, or by name (case-insensitive) among the lab's models. */
    static ModelDto model(ApiClient api, UUID lab, String ref) {
        try {
            return api.get(base(lab) + "/" + UUID.fromString(ref), ModelDto.class);
        } catch (IllegalArgumentException notAnId) {
            var models = api.list(base(lab), ModelDto.class, Integer.MAX_VALUE).items();
            return models.stream().filter(m -> m.name().equalsIgnoreCase(ref)).findFirst()
                    .orElseThrow(() -> CliException.refused("The lab has no model named '" + ref + "'. Its models: "
                            + (models.isEmpty() ? "none" : String.join(", ", models.stream().map(ModelDto::name)
                            .toList())) + "."));
        }
    }

    static ModelVersionDto version(ApiClient api, UUID lab, ModelDto model, Integer n) {
        return api.get(base(lab) + "/" + model.id() + "/versions/" + (n == null ? model.latestVersion() : n),
                ModelVersionDto.class);
    }

    static void printVersion(PrintWriter out, ModelDto model, ModelVersionDto v) {
        out.println("Model     " + model.name() + "  (" + model.id() + ")");
        out.println("Version   " + v.version() + "  (" + v.id() + ")" + (v.version() == model.latestVersion()
                ? "  latest" : ""));
        out.println("Job       " + Output.text(v.jobId()));
        out.println("Created   " + Output.time(v.createdAt()));
        ModelCard c = v.card();
        if (c != null) {
            out.println("Task      " + Output.text(c.task()));
            out.println("Classes   " + String.join(", ", c.classes()));
            out.println("Channels  " + String.join(", ", c.channels()));
            out.println("Receptive field  " + c.receptiveField() + " px" + (c.net() == null ? ""
                    : "  net " + c.net().name()));
            out.println("Pixel size  " + (c.pixelSizeUm() == null ? "none (each image is segmented as it is)"
                    : c.pixelSizeUm() + " um per pixel (images with a pixel size are resampled to it)"));
            if (c.validationMetrics() != null && !c.validationMetrics().isEmpty()) {
                StringBuilder m = new StringBuilder();
                c.validationMetrics().forEach((k, val) -> m.append(m.isEmpty() ? "" : "  ").append(k).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", val)));
                out.println("Validation  " + m);
            }
            if (c.recommendedPostProcessing() != null) {
                out.println("Post-processing  " + describe(c.recommendedPostProcessing())
                        + "  (recommended; segmentation jobs without postProcessing use it)");
            }
            if (c.licence() != null && !c.licence().isBlank()) {
                out.println("Licence   " + c.licence());
            }
            if (c.description() != null && !c.description().isBlank()) {
                out.println("About     " + c.description());
            }
        }
        Output.Table table = new Output.Table("MEMBER", "SIZE", "SHA256");
        v.members().forEach(m -> table.row(m.index(), Output.bytes(m.sizeBytes()), m.sha256()));
        table.print(out);
    }

    /** The settings a post-processing method uses, e.g. {@code WATERSHED threshold 0.6 (seeds 0.9) regrowth 3}. */
    static String describe(PostProcessing p) {
        PostProcessing s = p.withDefaults();
        StringBuilder out = new StringBuilder(s.method() + " threshold " + s.threshold());
        if (s.method() == PostProcessingMethod.WATERSHED) {
            out.append(" (seeds ").append(s.seedThreshold()).append(')');
        }
        if (s.method() != PostProcessingMethod.ACTIVE_CONTOURS) {
            out.append(" regrowth ").append(s.regrowth());
        }
        out.append(" min area ").append(s.minArea());
        if (s.maxArea() != null) {
            out.append(" max area ").append(s.maxArea());
        }
        if (s.minCellProbability() != null) {
            out.append(" min cell probability ").append(s.minCellProbability());
        }
        return out.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's models.")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
                description = "At most N models (default ${DEFAULT-VALUE}).")
        int limit;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var listing = api.list(base(lab(api, lab)), ModelDto.class, limit);
            if (json()) {
                Output.json(out(), listing.items());
            } else {
                Output.Table table = new Output.Table("ID", "NAME", "LATEST", "CREATED", "DESCRIPTION");
                listing.items().forEach(m -> table.row(m.id(), m.name(), "v" + m.latestVersion(),
                        Output.time(m.createdAt()), Output.text(m.description())));
                table.print(out());
            }
            warnIfTruncated(listing, "models");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show a model: its versions, or with --version one version's card and members.",
                    "MODEL is an id or a name."})
    static final class Show extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or name.")
        String model;

        @Option(names = "--version", paramLabel = "N", description = "One version (its card and members).")
        Integer version;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            ModelDto m = model(api, labId, model);
            if (version != null) {
                ModelVersionDto v = version(api, labId, m, version);
                if (json()) {
                    Output.json(out(), v);
                } else {
                    printVersion(out(), m, v);
                }
                return 0;
            }
            var versions = api.list(base(labId) + "/" + m.id() + "/versions", ModelVersionDto.class,
                    Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), versions);
                return 0;
            }
            out().println("Model     " + m.name() + "  (" + m.id() + ")");
            if (m.description() != null) {
                out().println("About     " + m.description());
            }
            Output.Table table = new Output.Table("VERSION", "MEMBERS", "CLASSES", "CHANNELS", "CREATED", "JOB");
            versions.forEach(v -> table.row("v" + v.version(), v.members().size(),
                    v.card() == null ? "" : String.join(",", v.card().classes()),
                    v.card() == null ? "" : String.join(",", v.card().channels()), Output.time(v.createdAt()),
                    Output.text(v.jobId())));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download a model version into a folder: member-<i>.onnx for every ensemble member "
                    + "(each checked against its registered SHA-256) and card.json.",
                    "Prints the files written."})
    static final class Download extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or name.")
        String model;

        @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
        Integer version;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into.")
        Path dir;

        Download(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws IOException {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            ModelDto m = model(api, labId, model);
            ModelVersionDto v = version(api, labId, m, version);
            Files.createDirectories(dir);
            java.util.List<Path> written = new java.util.ArrayList<>();
            for (ModelMemberDto member : v.members()) {
                Path file = dir.resolve("member-" + member.index() + ".onnx");
                SaveFile.save(api, base(labId) + "/" + m.id() + "/versions/" + v.version() + "/members/"
                        + member.index(), file, member.sha256(), "member " + member.index() + " of model '"
                        + m.name() + "' v" + v.version());
                written.add(file);
            }
            Path card = dir.resolve("card.json");
            Files.writeString(card, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(v.card()) + "\n");
            written.add(card);
            if (json()) {
                Output.json(out(), v);
            } else {
                written.forEach(out()::println);
                err().println("Downloaded model '" + m.name() + "' v" + v.version() + ": " + v.members().size()
                        + " members, SHA-256 checked.");
            }
            return 0;
        }
    }
}
