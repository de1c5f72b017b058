package org.labscale.shared.trainingset;

import java.util.List;

/** Freezes a new version of a training set. */
public record TrainingSetVersionRequest(String notes, List<TrainingItemRequest> items) {
}
