package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    private static int count(boolean[] held) {
        int n = 0;
        for (boolean b : held) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void holdsOutAFractionOfTheImagesAtLeastOneAndNeverAll() {
        assertEquals(0, count(ValidationSplit.heldOut(1, 0.1, ValidationSplit.random(1))), "one image: pixels");
        assertEquals(1, count(ValidationSplit.heldOut(2, 0.1, ValidationSplit.random(1))), "at least one");
        assertEquals(1, count(ValidationSplit.heldOut(2, 0.5, ValidationSplit.random(1))), "never all");
        assertEquals(2, count(ValidationSplit.heldOut(20, 0.1, ValidationSplit.random(1))));
        assertEquals(10, count(ValidationSplit.heldOut(20, 0.5, ValidationSplit.random(7))));
    }

    @Test
    void isTheSameForTheSameSeed() {
        assertArrayEquals(ValidationSplit.heldOut(10, 0.3, ValidationSplit.random(5)),
                ValidationSplit.heldOut(10, 0.3, ValidationSplit.random(5)));
    }
}
