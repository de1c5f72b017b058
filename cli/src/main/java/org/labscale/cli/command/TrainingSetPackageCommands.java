package org.labscale.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code training-sets export|import}: a version as a zip of images, masks and a manifest with checksums. */
final class TrainingSetPackageCommands {

    private TrainingSetPackageCommands() {
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export a training-set version you may read (your lab's, or another lab's shared or"
                    + " public one) as a zip: images/, masks/ and manifest.json with each file's SHA-256 and size.",
                    "Prints the file written."})
    static final class Export extends ApiCommand {

        @Parameters(index = "0", paramLabel = "SET_ID", description = "Training set id.")
        UUID set;

        @Option(names = "--version", required = true, paramLabel = "N", description = "The version.")
        int version;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "The zip to write (default: <set id>-v<N>.training-set.zip here).")
        Path file;

        Export(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws IOException {
            ApiClient api = ctx.api();
            Path target = file != null ? file : Path.of(set + "-v" + version + ".training-set.zip");
            ApiClient.Download d = SaveFile.save(api, "/api/v1/training-sets/" + set + "/versions/" + version
                    + "/package", target, null, "training set " + set + " v" + version);
            if (json()) {
                Output.json(out(), Map.of("file", target.toString(), "bytes", d.bytes(), "sha256", d.sha256()));
            } else {
                out().println(target);
                err().println("Exported training set " + set + " v" + version + " (" + d.bytes() + " bytes).");
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a training-set package (zip) into a lab as a new private training set: its"
                    + " images go into a new project, each mask becomes an annotation, version 1 freezes them."
                    + " Every checksum, size, image, mask and channel role is checked first; a refusal stores"
                    + " nothing.", "Prints the new training set's id."})
    static final class Import extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "ZIP", description = "The package.")
        Path zip;

        @Option(names = "--name", paramLabel = "NAME", description = "Training set name (default: the manifest's).")
        String name;

        Import(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            TrainingSetVersionDto v = PackageUpload.post(api, "/api/v1/labs/" + labId + "/training-sets/import", zip,
                    name, TrainingSetVersionDto.class);
            if (json()) {
                Output.json(out(), v);
            } else {
                out().println(v.trainingSetId());
                err().println("Imported " + v.items().size() + " items as version " + v.version() + " (content hash "
                        + v.contentHash() + ").");
            }
            return 0;
        }
    }
}
