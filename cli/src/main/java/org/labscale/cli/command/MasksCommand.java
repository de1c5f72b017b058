package org.labscale.cli.command;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.cli.http.MultipartBody;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code masks upload}: annotations (label images) of an image. */
@Command(name = "masks", mixinStandardHelpOptions = true, description = "Label images (annotations) of an image.",
        subcommands = {MasksCommand.Upload.class, MasksCommand.List.class})
public final class MasksCommand extends Group {

    /** Uploads a label image of {@code image}; {@code name} null: the platform's default name. */
    static AnnotationDto upload(ApiClient api, UUID image, Path file, AnnotationKind kind, String name) {
        MultipartBody body = new MultipartBody();
        try {
            body.file("file", file, ImagesCommand.contentType(file));
        } catch (FileNotFoundException e) {
            throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
        }
        body.field("kind", kind.name()).field("name", name);
        return api.postMultipart("/api/v1/images/" + image + "/annotations", body, AnnotationDto.class);
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = {"Upload a label image for an image; a name it already has gets the next version.",
                    "Prints the annotation id (use it in 'training-sets freeze')."})
    static final class Upload extends ApiCommand {

        @Option(names = "--image", required = true, paramLabel = "IMAGE_ID", description = "The image it labels.")
        UUID image;

        @Option(names = "--kind", required = true, paramLabel = "KIND",
                description = "What the pixel values mean: ${COMPLETION-CANDIDATES}.")
        AnnotationKind kind;

        @Option(names = "--name", paramLabel = "NAME", description = "e.g. nuclei (default: \"default\").")
        String name;

        @Parameters(index = "0", paramLabel = "FILE", description = "The label image (PNG or TIFF).")
        Path file;

        Upload(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ImagesCommand.readable(file);
            AnnotationDto annotation = upload(ctx.api(), image, file, kind, name);
            if (json()) {
                Output.json(out(), annotation);
            } else {
                AnnotationVersionDto v = annotation.latest();
                out().println(annotation.id());
                err().println("Stored '" + annotation.name() + "' version " + annotation.latestVersion() + " ("
                        + annotation.kind() + (v == null ? "" : ", " + v.cellCount() + " cells, sha256 " + v.sha256())
                        + ").");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an image's annotations.")
    static final class List extends ApiCommand {

        @Option(names = "--image", required = true, paramLabel = "IMAGE_ID", description = "Image id.")
        UUID image;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            AnnotationDto[] annotations = ctx.api().get("/api/v1/images/" + image + "/annotations",
                    AnnotationDto[].class);
            if (json()) {
                Output.json(out(), annotations);
                return 0;
            }
            Output.Table table = new Output.Table("ID", "NAME", "KIND", "VERSION", "CELLS", "SHA256");
            for (AnnotationDto a : annotations) {
                AnnotationVersionDto v = a.latest();
                table.row(a.id(), a.name(), a.kind(), a.latestVersion(), v == null ? null : v.cellCount(),
                        v == null ? null : v.sha256());
            }
            table.print(out());
            return 0;
        }
    }
}
