package org.labscale.shared.sharing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.shared.model.ModelCard;

/**
 * One model version in the zoo, as the caller may see it: its model, lab, card summary, validation metrics with the
 * data they were measured on, deprecation and the model's latest version.
 *
 * @param visibility         {@code PRIVATE}, {@code SHARED} or {@code PUBLIC} for the caller's own lab's versions;
 *                           {@code SHARED} or {@code PUBLIC} for another lab's
 * @param meanPerCellJaccard the card's validation per-cell Jaccard index (null when not measured)
 * @param validationImages   how many held-out validation images it was measured on (null when the card does not
 *                           say); the images are of {@code trainingSets}
 * @param trainingSets       the training-set versions it learnt from, with their labs and hashes
 * @param latestVersion      the model's newest version that the caller may see and that is not deprecated (null
 *                           when there is none)
 * @param origin             where the model was forked from; null when it was trained here
 */
public record ZooEntryDto(UUID modelId, UUID versionId, int version, String name, String description, UUID labId,
                          String labName, Visibility visibility, String task, List<String> channels,
                          List<String> classes, String licence, List<String> authors,
                          Map<String, Double> validationMetrics, Double meanPerCellJaccard, Integer validationImages,
                          List<ModelCard.TrainingData> trainingSets, boolean deprecated, String deprecationReason,
                          Integer latestVersion, OriginDto origin, Instant createdAt) {
}
