package org.labscale.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.TrainingSetRef;
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

/** {@code training-sets create|list|freeze|share|revoke|fork|export|import}; {@code create --images} uploads, annotates and freezes in one call. */
@Command(name = "training-sets", mixinStandardHelpOptions = true,
        description = "Named, immutable, versioned snapshots of (image, annotation version, channel roles).",
        subcommands = {TrainingSetsCommand.Create.class, TrainingSetsCommand.List.class,
                TrainingSetsCommand.Freeze.class, TrainingSetSharingCommands.Share.class,
                TrainingSetSharingCommands.Revoke.class, TrainingSetSharingCommands.Fork.class,
                TrainingSetPackageCommands.Export.class, TrainingSetPackageCommands.Import.class})
public final class TrainingSetsCommand extends Group {

    /**
     * A frozen training-set version named by {@code SET[@VERSION]}: SET is an id or a name among the lab's training
     * sets; without {@code @VERSION}, its newest version.
     */
    static TrainingSetRef ref(ApiClient api, UUID lab, String spec) {
        int at = spec.lastIndexOf('@');
        String set = at < 0 ? spec : spec.substring(0, at);
        Integer version = null;
        if (at >= 0) {
            try {
                version = Integer.parseInt(spec.substring(at + 1));
            } catch (NumberFormatException e) {
                throw CliException.usage("'" + spec + "' is not SET[@VERSION]: '" + spec.substring(at + 1)
                        + "' is not a version number.");
            }
        }
        TrainingSetDto dto;
        try {
            UUID id = UUID.fromString(set);
            if (version != null) {
                return new TrainingSetRef(id, version); // the platform checks it at submit
            }
            dto = api.get("/api/v1/training-sets/" + id, TrainingSetDto.class);
        } catch (IllegalArgumentException notAnId) {
            var sets = api.list("/api/v1/labs/" + lab + "/training-sets", TrainingSetDto.class, Integer.MAX_VALUE)
                    .items();
            dto = sets.stream().filter(s -> s.name().equals(set)).findFirst()
                    .orElseThrow(() -> CliException.refused("The lab has no training set named '" + set + "'. Its "
                            + "training sets: " + (sets.isEmpty() ? "none" : String.join(", ", sets.stream()
                            .map(TrainingSetDto::name).toList())) + "."));
        }
        if (version == null && dto.latestVersion() < 1) {
            throw CliException.refused("Training set '" + dto.name() + "' has no frozen version yet: freeze one with "
                    + "'labscale-cli training-sets freeze " + dto.id() + " --item IMAGE:ANNOTATION'.");
        }
        return new TrainingSetRef(dto.id(), version != null ? version : dto.latestVersion());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a training set; prints its id.",
                    "With --project and --images it is built in one call: each image is uploaded into the project, "
                            + "its mask uploaded as its annotation, and version 1 frozen from them (the version is "
                            + "on standard error; --json prints the set and the version). Masks are files, one per "
                            + "image in the same order, or a folder holding a file of the image's name or "
                            + "NAME<suffix>.tif|.tiff|.png; without --masks, the NAME<suffix> files beside each "
                            + "image. Every file is checked before anything is sent.",
                    "Example: training-sets create --lab my-lab --project P --images a.tif,b.tif "
                            + "--masks a_mask.tif,b_mask.tif --mask-kind BINARY_MASK --channels nuclear \"Nuclei\""})
    static final class Create extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Parameters(index = "0", paramLabel = "NAME", description = "The training set's name.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--project", paramLabel = "PROJECT", description = "With --images: the project they go into.")
        UUID project;

        @Option(names = "--images", paramLabel = "FILE|DIR", split = ",",
                description = "Images (TIFF, PNG) or folders of them, uploaded and frozen with their masks.")
        java.util.List<Path> images = new ArrayList<>();

        @Option(names = "--masks", paramLabel = "FILE|DIR", split = ",",
                description = "Their masks: one file per image in the same order, or a folder.")
        java.util.List<Path> masks = new ArrayList<>();

        @Option(names = "--mask-suffix", paramLabel = "SUFFIX", defaultValue = "_mask",
                description = "Image a.tif's mask is a<SUFFIX>.tif|.tiff|.png (default ${DEFAULT-VALUE}).")
        String maskSuffix;

        @Option(names = "--mask-kind", paramLabel = "KIND",
                description = "With --images, required: what the masks' pixel values mean: ${COMPLETION-CANDIDATES}.")
        AnnotationKind maskKind;

        @Option(names = "--mask-name", paramLabel = "NAME", defaultValue = "nuclei",
                description = "The annotations' name (default ${DEFAULT-VALUE}).")
        String maskName;

        @Option(names = "--channels", paramLabel = "NAME", split = ",",
                description = "The images' channel names in page order, e.g. nuclear or phase,nuclear; they are the "
                        + "channel roles a net trains on.")
        java.util.List<String> channels;

        @Option(names = "--pixel-size", paramLabel = "UM", description = "Micrometres per pixel of the images.")
        Double pixelSize;

        @Option(names = "--notes", paramLabel = "TEXT", description = "Notes of the frozen version.")
        String notes;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            java.util.List<ImageMaskPairs.Pair> pairs = pairs();
            ApiClient api = ctx.api();
            UUID labId = lab(api, lab);
            java.util.List<TrainingItemRequest> items = new ArrayList<>();
            for (ImageMaskPairs.Pair pair : pairs) {
                ImageDto image = ImagesCommand.upload(api, project, pair.image(), channels, pixelSize);
                AnnotationDto mask = MasksCommand.upload(api, image.id(), pair.mask(), maskKind, maskName);
                items.add(new TrainingItemRequest(image.id(), mask.id(), mask.latestVersion(), null));
                err().println("Uploaded " + pair.image() + " (image " + image.id() + ") with mask " + pair.mask()
                        + " (" + (mask.latest() == null ? "?" : mask.latest().cellCount()) + " cells).");
            }
            TrainingSetDto set = api.post("/api/v1/labs/" + labId + "/training-sets",
                    new TrainingSetRequest(name, description, null), TrainingSetDto.class);
            TrainingSetVersionDto version = items.isEmpty() ? null : api.post("/api/v1/training-sets/" + set.id()
                    + "/versions", new TrainingSetVersionRequest(notes, items), TrainingSetVersionDto.class);
            if (json()) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("trainingSet", set);
                both.put("version", version);
                Output.json(out(), version == null ? set : both);
            } else {
                out().println(set.id());
                err().println("Created training set '" + set.name() + "'" + (version == null ? "." : " and froze "
                        + "version " + version.version() + " (" + version.contentHash() + ") with " + items.size()
                        + " item" + (items.size() == 1 ? "" : "s") + "."));
            }
            return 0;
        }

        /** The (image, mask) pairs to upload, all checked before anything is sent; empty without --images. */
        private java.util.List<ImageMaskPairs.Pair> pairs() {
            boolean building = !images.isEmpty();
            if (!building) {
                if (project != null || !masks.isEmpty() || maskKind != null || channels != null || pixelSize != null
                        || notes != null) {
                    throw CliException.usage("--project, --masks, --mask-kind, --channels, --pixel-size and --notes "
                            + "go with --images.");
                }
                return java.util.List.of();
            }
            if (project == null) {
                throw CliException.usage("--images needs --project PROJECT: the project the images go into.");
            }
            if (maskKind == null) {
                throw CliException.usage("--images needs --mask-kind: what the masks' pixel values mean ("
                        + "BINARY_MASK, INSTANCE_MASK or CLASS_MAP).");
            }
            return ImageMaskPairs.of(images, masks, maskSuffix);
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
