package org.labscale.training.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.shared.model.TrainingQuality.MemberCheck;

class LearningCheckTest {

    private final LearningCheck three = new LearningCheck(3);

    @Test
    void chanceIsTheLossOfGuessingEveryClassEqually() {
        assertEquals(1.0986, three.chanceLoss(), 1e-4);
    }

    @Test
    void aMemberAtOrAboveChanceOrFarAboveTheOthersDiverged() {
        // The case: kept epochs at 1.33-2.65 against chance 1.10.
        assertArrayEquals(new boolean[] {true, true, true}, three.diverged(new double[] {1.33, 2.65, 9.55}));
        assertArrayEquals(new boolean[] {false, false, true}, three.diverged(new double[] {0.40, 0.50, 1.20}));
        assertArrayEquals(new boolean[] {false, false, true}, three.diverged(new double[] {0.30, 0.35, 0.90}),
                "0.90 is below chance but above twice the median 0.35");
        assertArrayEquals(new boolean[] {false, true}, three.diverged(new double[] {0.30, Double.NaN}));
    }

    @Test
    void barelyBelowChanceIsKeptButNotCountedAsLearnt() {
        assertEquals(MemberCheck.CHANCE, three.verdict(1.0));
        assertEquals(MemberCheck.LEARNT, three.verdict(0.5));
        assertFalse(LearningCheck.recommended(List.of(new MemberCheck(0, 1, 1, 1.0, MemberCheck.CHANCE),
                new MemberCheck(1, 2, 2, 1.5, MemberCheck.DROPPED))));
        assertTrue(LearningCheck.recommended(List.of(new MemberCheck(0, 1, 1, 0.4, MemberCheck.LEARNT),
                new MemberCheck(1, 4, 2, 1.5, MemberCheck.DROPPED))));
    }

    @Test
    void warningsNameTheMembersAndTheVerdict() {
        List<String> warnings = three.warnings(List.of(new MemberCheck(0, 1, 1, 1.02, MemberCheck.CHANCE),
                new MemberCheck(1, 4, 2, 1.50, MemberCheck.DROPPED)));
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Member 0 is barely better than chance"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("Member 1 diverged twice"), warnings.get(1));
        assertTrue(warnings.get(2).contains("the model is not recommended"), warnings.get(2));
    }
}
