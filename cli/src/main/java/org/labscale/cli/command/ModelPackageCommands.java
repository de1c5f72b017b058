package org.labscale.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models export|import}: bioimage.io model packages. */
final class ModelPackageCommands {

    private ModelPackageCommands() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export a model version as a bioimage.io model package (zip: rdf.yaml 0.5, one ONNX graph"
                    + " with the normalisation inside, test input and output, cover, documentation).",
                    "Prints the file written."})
    static final class Export extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or name.")
        String model;

        @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
        Integer version;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "The zip to write (default: <model>-v<N>.bioimageio.zip here).")
        Path file;

        Export(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws IOException {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            ModelDto m = ModelsCommand.model(api, labId, model);
            int n = version == null ? m.latestVersion() : version;
            Path target = file != null ? file
                    : Path.of(m.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + n + ".bioimageio.zip");
            ApiClient.Download d = SaveFile.save(api, ModelsCommand.base(labId) + "/" + m.id() + "/versions/" + n
                    + "/bioimageio", target, null, "the bioimage.io package of model '" + m.name() + "' v" + n);
            if (json()) {
                Output.json(out(), java.util.Map.of("file", target.toString(), "bytes", d.bytes(),
                        "sha256", d.sha256()));
            } else {
                out().println(target);
                err().println("Exported model '" + m.name() + "' v" + n + " as a bioimage.io package (" + d.bytes()
                        + " bytes).");
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a bioimage.io model package (zip) as a new model version: 2D, ONNX weights, one"
                    + " output (a foreground probability, or background/boundary/interior); its own test input must"
                    + " give its test output.", "Prints the new version's id."})
    static final class Import extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "ZIP", description = "The package.")
        Path zip;

        @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the package's name).")
        String name;

        Import(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            ModelVersionDto v = PackageUpload.post(api, ModelsCommand.base(labId) + "/bioimageio", zip, name,
                    ModelVersionDto.class);
            if (json()) {
                Output.json(out(), v);
            } else {
                out().println(v.id());
                err().println("Imported as version " + v.version() + " of model " + v.modelId() + ".");
            }
            return 0;
        }
    }
}
