package org.labscale.training;

import org.labscale.shared.model.ModelCard.EpochMetrics;

/** Told what training does; called on the training thread, so keep it short (e.g. queue a heartbeat). */
public interface ProgressListener {

    /** After every epoch of every member, with its validation figures. */
    void epoch(EpochMetrics metrics);

    /** After every optimisation step (optional), e.g. for a progress bar: {@code step} of {@code steps}. */
    default void step(int member, int epoch, int step, int steps) {
    }

    /** Before member {@code member} is trained again because it diverged (its steps and epochs start over). */
    default void retrying(int member) {
    }

    ProgressListener NONE = metrics -> { };
}
