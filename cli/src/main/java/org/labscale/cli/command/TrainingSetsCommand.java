package org.labscale.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.trainingset.TrainingItemRequest;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code training-sets create|list|freeze}. */
@Command(name = "training-sets", mixinStandardHelpOptions = true,
        description = "Named, immutable, versioned snapshots of (image, annotation version, channel roles).",
        subcommands = {TrainingSetsCommand.Create.class, TrainingSetsCommand.List.class,
                TrainingSetsCommand.Freeze.class})
public final class TrainingSetsCommand extends Group {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a training set; prints its id.")
    static final class Create extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "NAME", description = "The training set's name.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            TrainingSetDto set = api.post("/api/v1/labs/" + lab(api, lab) + "/training-sets",
                    new TrainingSetRequest(name, description, null), TrainingSetDto.class);
            if (json()) {
                Output.json(out(), set);
            } else {
                out().println(set.id());
                err().println("Created training set '" + set.name() + "'.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's training sets.")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var sets = api.list("/api/v1/labs/" + lab(api, lab) + "/training-sets", TrainingSetDto.class,
                    Integer.MAX_VALUE).items();
            if (json()) {
                Output.json(out(), sets);
                return 0;
            }
            Output.Table table = new Output.Table("ID", "NAME", "VERSIONS", "UPDATED");
            sets.forEach(s -> table.row(s.id(), s.name(), s.latestVersion(), Output.time(s.updatedAt())));
            table.print(out());
            return 0;
        }
    }

    @Command(name = "freeze", mixinStandardHelpOptions = true,
            description = {"Freeze a new immutable version of a training set from the given items; prints its "
                    + "version number and content hash.",
                    "ITEM is IMAGE_ID:ANNOTATION_ID[@VERSION][:CHANNEL=ROLE[,CHANNEL=ROLE...]], e.g. "
                            + "'3f0c...:9a1e...:0=nuclear,1=phase'. Without @VERSION the annotation's newest "
                            + "version is frozen; without roles each channel keeps its name."})
    static final class Freeze extends ApiCommand {

        @Parameters(index = "0", paramLabel = "SET", description = "Training set id.")
        UUID set;

        @Option(names = "--item", required = true, paramLabel = "ITEM", converter = ItemConverter.class,
                description = "An (image, annotation) pair; repeat for each image.")
        java.util.List<TrainingItemRequest> items = new ArrayList<>();

        @Option(names = "--notes", paramLabel = "TEXT", description = "What changed in this version.")
        String notes;

        Freeze(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            TrainingSetVersionDto version = ctx.api().post("/api/v1/training-sets/" + set + "/versions",
                    new TrainingSetVersionRequest(notes, items), TrainingSetVersionDto.class);
            if (json()) {
                Output.json(out(), version);
            } else {
                out().println(version.version() + "  " + version.contentHash());
                err().println("Froze version " + version.version() + " with " + version.items().size() + " item"
                        + (version.items().size() == 1 ? "" : "s") + ".");
            }
            return 0;
        }
    }

    /** Parses {@code IMAGE:ANNOTATION[@VERSION][:CH=ROLE,...]}. */
    public static final class ItemConverter implements ITypeConverter<TrainingItemRequest> {
        @Override
        public TrainingItemRequest convert(String value) {
            String[] parts = value.split(":", 3);
            if (parts.length < 2) {
                throw new TypeConversionException("'" + value + "' is not IMAGE_ID:ANNOTATION_ID[@VERSION][:0=ROLE,...]");
            }
            UUID imageId = uuid(parts[0], "image id", value);
            String annotation = parts[1];
            Integer annotationVersion = null;
            int at = annotation.indexOf('@');
            if (at >= 0) {
                try {
                    annotationVersion = Integer.parseInt(annotation.substring(at + 1));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + annotation.substring(at + 1) + "' in '" + value
                            + "' is not an annotation version number");
                }
                annotation = annotation.substring(0, at);
            }
            UUID annotationId = uuid(annotation, "annotation id", value);
            Map<String, String> roles = null;
            if (parts.length == 3 && !parts[2].isBlank()) {
                roles = new LinkedHashMap<>();
                for (String pair : parts[2].split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank() || !kv[0].strip().matches("\\d+")) {
                        throw new TypeConversionException("'" + pair + "' in '" + value
                                + "' is not CHANNEL=ROLE (e.g. 0=nuclear)");
                    }
                    roles.put(kv[0].strip(), kv[1].strip());
                }
            }
            return new TrainingItemRequest(imageId, annotationId, annotationVersion, roles);
        }

        private static UUID uuid(String s, String what, String value) {
            try {
                return UUID.fromString(s.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + s + "' in '" + value + "' is not an " + what);
            }
        }
    }
}
