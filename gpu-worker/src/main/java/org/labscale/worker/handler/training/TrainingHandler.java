package org.labscale.worker.handler.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.ProgressListener;
import org.labscale.training.TrainingException;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.worker.handler.JobCancelledException;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@link JobKind#TRAINING} jobs with the {@code training} library. The lease's context lists the training-set
 * versions ({@code trainingSets}); for every item the inputs {@code image/<imageId>} and
 * {@code classmap/<annotationVersionId>} are fetched through the content cache (checked against their SHA-256), the
 * channels are picked by the item's channel roles in the payload's order, and the ensemble is trained member by member
 * (progress after every epoch: fraction, "member m of n, epoch e of E", losses and per-class accuracy). Outputs:
 * {@code member-<i>.onnx} and {@code card.json}; the API registers the model version when the job completes. A data
 * problem (a class without pixels, an image smaller than the receptive field, channels missing, NaN loss) fails the job
 * without retry, with the training library's code and message; a cancel stops between steps and writes nothing.
 */
@ApplicationScoped
public class TrainingHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(TrainingHandler.class);

    private final ObjectMapper json;
    private final String gitRevision;

    @Inject
    public TrainingHandler(ObjectMapper json,
                           @ConfigProperty(name = "labscale.git-revision", defaultValue = "unknown") String gitRevision) {
        this.json = json;
        this.gitRevision = gitRevision;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAINING;
    }

    @Override
    public Map<String, Object> run(JobContext context) throws Exception {
        TrainingPayload p = context.payload(TrainingPayload.class).withDefaults();
        List<String> problems = p.problems();
        if (!problems.isEmpty()) {
            throw new JobFailedException("training.invalid-payload", String.join(" ", problems), false);
        }
        List<TrainingSetVersionDto> versions = json.convertValue(
                context.context().getOrDefault("trainingSets", List.of()),
                new TypeReference<List<TrainingSetVersionDto>>() { });
        if (versions.size() != p.trainingSets().size()) {
            throw new JobFailedException("training.missing-training-set", "Only " + versions.size() + " of the "
                    + p.trainingSets().size() + " training-set versions still exist.", false);
        }
        int rf = p.resolvedNet().receptiveField();
        TrainingImageLoader loader = new TrainingImageLoader(rf, p.classes().size(), p.normalization().window());
        List<TrainingImage> images = new ArrayList<>();
        List<ModelCard.TrainingData> sets = new ArrayList<>();
        try {
            for (TrainingSetVersionDto version : versions) {
                sets.add(new ModelCard.TrainingData(version.trainingSetId(), version.version(),
                        version.contentHash()));
                for (TrainingItemDto item : version.items()) {
                    context.checkCancelled();
                    Path image = input(context, "image/" + item.imageId());
                    Path classMap = input(context, "classmap/" + item.annotationVersionId());
                    images.add(loader.load(item.imageId().toString(), image, channels(p, item), classMap));
                }
            }
            context.progress(new JobProgress(0.0, "loaded " + images.size() + " images", Map.of()));
            int members = p.ensembleSize();
            int epochs = p.epochs();
            EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(
                    context.jobId().toString(), sets, gitRevision), null).train(p, images, List.of(),
                    new ProgressListener() {
                        @Override
                        public void epoch(EpochMetrics m) {
                            Map<String, Double> metrics = new LinkedHashMap<>();
                            metrics.put("member", (double) m.member());
                            metrics.put("epoch", (double) m.epoch());
                            metrics.put("trainLoss", m.trainLoss());
                            metrics.put("validationLoss", m.validationLoss());
                            for (int k = 0; k < m.perClassAccuracy().size(); k++) {
                                metrics.put("accuracy." + p.classes().get(k), m.perClassAccuracy().get(k));
                            }
                            double done = (m.member() * epochs + m.epoch()) / (double) (members * epochs);
                            context.progress(new JobProgress(done, "member " + (m.member() + 1) + " of " + members
                                    + ", epoch " + m.epoch() + " of " + epochs, metrics));
                        }
                    }, context::isCancelled);
            for (int i = 0; i < result.members().size(); i++) {
                context.outputs().write("member-" + i + ".onnx", result.members().get(i));
            }
            context.outputs().write("card.json", json.writeValueAsBytes(result.card()));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("members", result.members().size());
            out.put("validationMetrics", result.card().validationMetrics());
            if (result.card().recommendedPostProcessing() != null) {
                out.put("recommendedPostProcessing", result.card().recommendedPostProcessing());
            }
            if (!result.warnings().isEmpty()) {
                out.put("warnings", result.warnings());
            }
            return out;
        } catch (TrainingException e) {
            if (e.kind() == TrainingException.Code.CANCELLED) {
                throw new JobCancelledException(e.getMessage());
            }
            LOG.infof("training job %s failed: %s %s", context.jobId(), e.code(), e.getMessage());
            throw new JobFailedException(e.code(), e.getMessage(), false);
        }
    }

    /** 0-based channel indices of the item for the payload's channel roles, in the payload's order. */
    static List<Integer> channels(TrainingPayload p, TrainingItemDto item) throws JobFailedException {
        List<Integer> out = new ArrayList<>();
        for (String role : p.channels()) {
            Integer index = null;
            if (item.channelRoles() != null) {
                for (Map.Entry<String, String> e : item.channelRoles().entrySet()) {
                    if (role.equals(e.getValue())) {
                        index = Integer.valueOf(e.getKey());
                    }
                }
            }
            if (index == null) {
                throw new JobFailedException("training.channels-mismatch", "Image " + item.imageId()
                        + " has no channel with the role \"" + role + "\" (its roles: " + item.channelRoles() + ").",
                        false);
            }
            out.add(index);
        }
        return out;
    }

    private static Path input(JobContext context, String name) throws IOException, InterruptedException,
            JobFailedException {
        String sha = context.inputHashes().get(name);
        if (sha == null || !context.inputs().containsKey(name)) {
            throw new JobFailedException("training.missing-input", "The lease has no input " + name
                    + "; the image or annotation was deleted.", false);
        }
        return context.input(name, sha);
    }
}
