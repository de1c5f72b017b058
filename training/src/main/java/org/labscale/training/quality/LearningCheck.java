package org.labscale.training.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.labscale.shared.model.TrainingQuality.MemberCheck;

/**
 * Did an ensemble's members learn? A member's best validation loss (mean cross-entropy on held-out patches) is
 * compared with chance, {@code ln(classes)}: the loss of predicting every class with equal probability (1.10 for
 * three classes), and with the other members. The rule (documented in training/README.md):
 * <ul>
 *   <li><b>diverged</b>: the loss is not finite, at least chance, or above {@value #OUTLIER_FACTOR} times the
 *       members' median (a member that went astray while the others learnt); it is retrained once with another seed
 *       and dropped from the ensemble when it diverges again (unless every member would be dropped: then all are kept
 *       and the model is not recommended);</li>
 *   <li>{@link MemberCheck#CHANCE}: below chance but not below {@value #CHANCE_MARGIN} x chance: kept, warned
 *       about;</li>
 *   <li>{@link MemberCheck#LEARNT}: otherwise.</li>
 * </ul>
 * The ensemble is recommended only when at least one kept member learnt.
 */
public final class LearningCheck {

    /** A loss at or above this fraction of chance counts as "barely better than chance". */
    public static final double CHANCE_MARGIN = 0.9;
    /** A loss above this multiple of the members' median marks a member that diverged from the others. */
    public static final double OUTLIER_FACTOR = 2.0;

    private final double chance;

    /** @param classes number of classes the nets predict (at least 2) */
    public LearningCheck(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("A check against chance needs at least 2 classes, not " + classes);
        }
        this.chance = Math.log(classes);
    }

    /** {@code ln(classes)}. */
    public double chanceLoss() {
        return chance;
    }

    /** Per member (same order), whether its loss marks it as diverged (see the class documentation). */
    public boolean[] diverged(double[] losses) {
        double median = median(losses);
        boolean[] out = new boolean[losses.length];
        for (int i = 0; i < losses.length; i++) {
            double loss = losses[i];
            out[i] = !Double.isFinite(loss) || loss >= chance
                    || (Double.isFinite(median) && loss > OUTLIER_FACTOR * median);
        }
        return out;
    }

    /** The verdict of a kept member with this loss: {@link MemberCheck#LEARNT} or {@link MemberCheck#CHANCE}. */
    public String verdict(double loss) {
        return Double.isFinite(loss) && loss < CHANCE_MARGIN * chance ? MemberCheck.LEARNT : MemberCheck.CHANCE;
    }

    /** Whether an ensemble with these member checks may be recommended: at least one kept member learnt. */
    public static boolean recommended(List<MemberCheck> members) {
        return members.stream().anyMatch(m -> MemberCheck.LEARNT.equals(m.verdict()));
    }

    /** Sentences for people about the members that were not plainly learnt. */
    public List<String> warnings(List<MemberCheck> members) {
        List<String> out = new ArrayList<>();
        for (MemberCheck m : members) {
            String loss = String.format("%.2f", m.validationLoss());
            switch (m.verdict()) {
                case MemberCheck.DROPPED -> out.add("Member " + m.member() + " diverged twice (validation loss "
                        + loss + ", chance " + String.format("%.2f", chance) + ") and was left out of the ensemble.");
                case MemberCheck.CHANCE -> out.add("Member " + m.member() + " is barely better than chance"
                        + " (validation loss " + loss + ", chance " + String.format("%.2f", chance) + ").");
                default -> {
                    if (m.attempts() > 1) {
                        out.add("Member " + m.member() + " diverged and was retrained with seed " + m.seed() + ".");
                    }
                }
            }
        }
        if (!recommended(members)) {
            out.add("No member learnt: the ensemble is no better than chance (validation loss "
                    + String.format("%.2f", chance) + " or worse), so the model is not recommended. Annotate more"
                    + " images, check the channel roles and the annotations, or lower the learning rate.");
        }
        return out;
    }

    private static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int n = finite.length;
        return n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2;
    }
}
