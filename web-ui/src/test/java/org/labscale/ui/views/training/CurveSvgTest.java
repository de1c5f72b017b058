package org.labscale.ui.views.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labscale.shared.model.ModelCard.EpochMetrics;

class CurveSvgTest {

    private static final EpochMetrics M1E1 = new EpochMetrics(0, 1, 0.9, 1.0, List.of(0.5, 0.4, 0.6));
    private static final EpochMetrics M1E2 = new EpochMetrics(0, 2, 0.6, 0.7, List.of(0.7, 0.6, 0.8));
    private static final EpochMetrics M2E1 = new EpochMetrics(1, 1, 0.8, 0.9, List.of(0.6, 0.5, 0.7));

    @Test
    void drawsOnePointPerMemberAndEpochInEachColourAndCountsThem() {
        String svg = CurveSvg.render(List.of(M2E1, M1E2, M1E1), 4, 3);
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"), svg);
        assertTrue(svg.contains("data-points=\"3\"") && svg.contains("data-members=\"2\""), svg);
        assertEquals(6, count(svg, "<circle class=\"point\""), "validation loss and accuracy per point");
        assertTrue(svg.contains("stroke=\"" + CurveSvg.COLOURS.get(0) + "\""), "member 1's colour");
        assertTrue(svg.contains("stroke=\"" + CurveSvg.COLOURS.get(1) + "\""), "member 2's colour");
        assertTrue(svg.contains("stroke-dasharray=\"6 4\""), "training loss is dashed");
        assertEquals(2, count(svg, "class=\"chance\""), "chance lines: ln 3 and 1/3");
        assertTrue(svg.contains("member 1, epoch 2: validation 0.700"), "each point names its value");
    }

    @Test
    void growsWithTheCurveAndExplainsAnEmptyOne() {
        String empty = CurveSvg.render(List.of(), 2, 3);
        assertTrue(empty.contains("data-points=\"0\"") && empty.contains("finished its first epoch"), empty);
        assertEquals(0, count(empty, "<circle"));
        assertTrue(count(CurveSvg.render(List.of(M1E1, M1E2), 2, 3), "<circle")
                > count(CurveSvg.render(List.of(M1E1), 2, 3), "<circle"));
    }

    @Test
    void balancedAccuracyIsTheMeanOfTheClassesAndKeepsAwayFromMissingOnes() {
        assertEquals(0.5, CurveSvg.balancedAccuracy(M1E1), 1e-12);
        assertTrue(Double.isNaN(CurveSvg.balancedAccuracy(new EpochMetrics(0, 1, 1, 1, List.of()))));
        String svg = CurveSvg.render(List.of(new EpochMetrics(0, 1, Double.NaN, 0.8, null)), 1, 3);
        assertEquals(1, count(svg, "<circle"), "no accuracy to draw, no NaN in the picture");
        assertTrue(!svg.contains("NaN"), svg);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
