package org.labscale.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.model.ModelDto;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jobs segment}: a SEGMENTATION job from options. Without post-processing settings the model version's
 * recommended ones apply; images with reference annotations (a training set's) are scored.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segment images with a trained model; prints the job's id (with --follow, then its progress).",
                "The model version's recommended post-processing applies. Images that have reference annotations "
                        + "(every image of --training-set) are scored; the scores are in the job's result and its "
                        + "scores.json output ('jobs outputs')."})
final class SegmentCommand extends ApiCommand {

    @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
    String lab;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model id or name.")
    String model;

    @Option(names = "--version", paramLabel = "N", description = "Model version (default: the latest).")
    Integer version;

    @ArgGroup(multiplicity = "1")
    Source source;

    /** Exactly one image source. */
    static final class Source {
        @Option(names = "--images", paramLabel = "IMAGE_ID", split = ",", description = "These images.")
        List<UUID> images;

        @Option(names = "--project", paramLabel = "PROJECT", description = "Every image of a project.")
        UUID project;

        @Option(names = "--training-set", paramLabel = "SET[@VERSION]",
                description = "Every image of a training-set version (id or name), scored against its annotations.")
        String trainingSet;
    }

    @Mixin
    JobSubmitOptions submit;

    SegmentCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ApiClient api = ctx.api();
        UUID labId = lab(api, lab);
        ModelDto m = ModelsCommand.model(api, labId, model);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("modelId", m.id());
        TrainCommand.put(payload, "modelVersion", version);
        TrainCommand.put(payload, "imageIds", source.images);
        TrainCommand.put(payload, "projectId", source.project);
        if (source.trainingSet != null) {
            payload.put("trainingSet", TrainingSetsCommand.ref(api, labId, source.trainingSet));
        }
        return submit.submit(ctx, json(), api, labId, JobKind.SEGMENTATION, payload);
    }
}
