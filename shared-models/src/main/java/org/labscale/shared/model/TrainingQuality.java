package org.labscale.shared.model;

import java.util.List;
import java.util.UUID;

/**
 * Whether a trained ensemble learnt, written by the training into the model card and the job's result. A member's
 * best validation loss is compared with chance ({@code ln(classes)}, the cross-entropy of predicting every class
 * equally: 1.10 for three classes) and with the other members (see {@link MemberCheck#verdict()}); members that
 * diverged are retrained once with another seed, and dropped when they diverge again. A model whose ensemble is no
 * better than chance is registered but not recommended.
 *
 * @param recommended        false when the ensemble's validation loss is no better than chance, or no member learnt
 * @param chanceLoss         {@code ln(number of classes)}
 * @param members            one entry per member trained (kept and dropped)
 * @param validationImageIds images held out whole for validation (empty: pixels of the images were held out)
 * @param trainingImages     images trained on
 * @param heldOutCells       cells on the held-out images (post-processing selection needs at least 20), null when
 *                           pixels were held out
 * @param warnings           sentences for people: members dropped or retried, chance-level loss, few held-out
 *                           cells, pixel hold-out on one image
 */
public record TrainingQuality(boolean recommended, double chanceLoss, List<MemberCheck> members,
                              List<UUID> validationImageIds, int trainingImages, Integer heldOutCells,
                              List<String> warnings) {

    public TrainingQuality {
        members = members == null ? List.of() : List.copyOf(members);
        validationImageIds = validationImageIds == null ? List.of() : List.copyOf(validationImageIds);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * One member's check.
     *
     * @param member         0-based ensemble slot
     * @param seed           the seed it was (last) trained with
     * @param attempts       1, or 2 when it was retrained after diverging
     * @param validationLoss its best epoch's validation loss
     * @param verdict        {@link #LEARNT}, {@link #CHANCE} (not below {@code 0.9 x chance}: kept, but warned
     *                       about), or {@link #DROPPED} (above chance, or above twice the median of the members,
     *                       on both attempts)
     */
    public record MemberCheck(int member, long seed, int attempts, double validationLoss, String verdict) {

        /** Clearly better than chance and in line with the others. */
        public static final String LEARNT = "learnt";
        /** Barely better than chance (kept). */
        public static final String CHANCE = "chance";
        /** Diverged twice: left out of the ensemble. */
        public static final String DROPPED = "dropped";
    }
}
