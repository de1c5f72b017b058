package org.labscale.shared.trainingset;

/** Creates or updates a training set; null fields are left as they are on update. */
public record TrainingSetRequest(String name, String description, Visibility visibility) {
}
