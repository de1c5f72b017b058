package org.labscale.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.job.JobKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jobs train}: a TRAINING job from options instead of a JSON payload. Whatever is left out takes the
 * platform's defaults (which, for a lab that only CPU workers serve, are sized for them); the submit answer says what
 * the job will cost.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on frozen training sets; prints the job's id and the platform's estimate of "
                + "its duration (with --follow, then its progress).",
                "Left out, every setting takes the platform's default (a TRAINING payload without them); "
                        + "'jobs submit --kind TRAINING --payload FILE' sets anything else."})
final class TrainCommand extends ApiCommand {

    @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
    String lab;

    @Option(names = "--training-set", required = true, paramLabel = "SET[@VERSION]",
            description = "A training set (id or name), its newest version unless @VERSION; repeat for several.")
    List<String> trainingSets = new ArrayList<>();

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "Registered as a new version of this model (default: the net's name).")
    String modelName;

    @Option(names = "--preset", paramLabel = "PRESET",
            description = "A net preset, e.g. nuclear-net, nuclear-net-fast, bacteria-net-fast (default nuclear-net).")
    String preset;

    @Option(names = "--patches-per-epoch", paramLabel = "N", description = "Training patches per epoch.")
    Integer patchesPerEpoch;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per member.")
    Integer epochs;

    @Option(names = "--members", paramLabel = "N", description = "Ensemble members trained independently.")
    Integer members;

    @Option(names = "--validation-images", paramLabel = "IMAGE_ID", split = ",",
            description = "Images held out whole for validation (default: the platform picks a fraction by seed).")
    List<UUID> validationImages;

    @Option(names = "--pixel-size", paramLabel = "UM",
            description = {"Train at this many micrometres per pixel, e.g. 0.13: every training image is resampled "
                    + "to it (each needs a pixel size in its training-set version) and the model segments each image "
                    + "at it. Default: the finest of the images' pixel sizes when all have one, else none."})
    Double pixelSize;

    @Option(names = "--seed", paramLabel = "N", description = "Makes training reproducible on CPU.")
    Long seed;

    @Option(names = "--description", paramLabel = "TEXT", description = "Shown on the model card.")
    String description;

    @Mixin
    JobSubmitOptions submit;

    TrainCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ApiClient api = ctx.api();
        UUID labId = lab(api, lab);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", trainingSets.stream().map(s -> TrainingSetsCommand.ref(api, labId, s)).toList());
        put(payload, "modelName", modelName);
        put(payload, "preset", preset);
        put(payload, "patchesPerEpoch", patchesPerEpoch);
        put(payload, "epochs", epochs);
        put(payload, "ensembleSize", members);
        put(payload, "validationImageIds", validationImages);
        put(payload, "pixelSizeUm", pixelSize);
        put(payload, "seed", seed);
        put(payload, "description", description);
        return submit.submit(ctx, json(), api, labId, JobKind.TRAINING, payload);
    }

    static void put(Map<String, Object> payload, String field, Object value) {
        if (value != null) {
            payload.put(field, value);
        }
    }
}
