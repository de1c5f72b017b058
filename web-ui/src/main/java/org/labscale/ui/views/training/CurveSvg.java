package org.labscale.ui.views.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.labscale.shared.model.ModelCard.EpochMetrics;

/**
 * Draws training curves as one SVG, on the server: loss per epoch (training dashed, validation solid, with the
 * chance level {@code ln(classes)} as a grey line) and the balanced validation accuracy (the mean of the per-class
 * accuracies, chance {@code 1/classes}), one colour per ensemble member. The root carries {@code data-points}, the
 * number of (member, epoch) points drawn.
 */
public final class CurveSvg {

    /** Colours of members 1, 2, ... (distinguishable with the common colour-vision deficiencies). */
    static final List<String> COLOURS = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
            "#000000", "#f0e442");

    private static final int W = 360;
    private static final int H = 230;
    private static final int LEFT = 46;
    private static final int RIGHT = 12;
    private static final int TOP = 26;
    private static final int BOTTOM = 36;

    private CurveSvg() {
    }

    /**
     * @param curve   the points so far, in any order
     * @param epochs  epochs planned per member (the x axis runs to it; at least the last epoch drawn)
     * @param classes number of classes the net predicts (for the chance levels)
     */
    public static String render(List<EpochMetrics> curve, int epochs, int classes) {
        Map<Integer, List<EpochMetrics>> byMember = new TreeMap<>();
        int maxEpoch = Math.max(1, epochs);
        double maxLoss = classes > 1 ? Math.log(classes) * 1.15 : 1.0;
        for (EpochMetrics m : curve) {
            byMember.computeIfAbsent(m.member(), k -> new ArrayList<>()).add(m);
            maxEpoch = Math.max(maxEpoch, m.epoch());
            maxLoss = Math.max(maxLoss, Math.max(finite(m.trainLoss()), finite(m.validationLoss())) * 1.05);
        }
        byMember.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.epoch(), b.epoch())));
        double lossStep = maxLoss <= 1.5 ? 0.25 : maxLoss <= 3 ? 0.5 : Math.ceil(maxLoss / 6);
        maxLoss = Math.ceil(maxLoss / lossStep) * lossStep;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"training-curves\" viewBox=\"0 0 ")
                .append(2 * W).append(' ').append(H + 28).append("\" width=\"100%\" style=\"max-width:").append(2 * W)
                .append("px;font-family:var(--lumo-font-family,sans-serif);font-size:11px\" data-points=\"")
                .append(curve.size()).append("\" data-members=\"").append(byMember.size()).append("\">");
        panel(svg, 0, "Loss (cross-entropy)", byMember, maxEpoch, 0, maxLoss, lossStep, classes > 1 ? Math.log(classes) : null,
                "chance", List.of(new Series(EpochMetrics::trainLoss, "6 4", false, "train"),
                        new Series(EpochMetrics::validationLoss, null, true, "validation")));
        panel(svg, W, "Balanced accuracy (validation)", byMember, maxEpoch, 0, 1, 0.25,
                classes > 1 ? 1.0 / classes : null, "chance",
                List.of(new Series(CurveSvg::balancedAccuracy, null, true, "accuracy")));
        legend(svg, byMember.keySet());
        if (curve.isEmpty()) {
            svg.append("<text x=\"").append(W).append("\" y=\"").append(H / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#666\">The first point appears when member 1 has"
                            + " finished its first epoch.</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** The mean of the per-class accuracies, NaN when there are none. */
    static double balancedAccuracy(EpochMetrics m) {
        List<Double> acc = m.perClassAccuracy() == null ? List.of() : m.perClassAccuracy();
        return acc.stream().filter(a -> a != null && Double.isFinite(a)).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    private record Series(ToDoubleFunction<EpochMetrics> value, String dash, boolean dots, String name) {
    }

    private static void panel(StringBuilder svg, int x0, String title, Map<Integer, List<EpochMetrics>> byMember,
                              int maxEpoch, double yMin, double yMax, double yStep, Double chance,
                              String chanceLabel,
                              List<Series> series) {
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        svg.append("<g transform=\"translate(").append(x0).append(",0)\">");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-weight=\"600\" font-size=\"12px\">")
                .append(title).append("</text>");
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#bbb\"/>");
        int ticks = (int) Math.round((yMax - yMin) / yStep);
        for (int i = 0; i <= ticks; i++) {
            double v = yMin + yStep * i;
            double y = yOf(v, yMin, yMax, plotH);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#eee\"/>");
            svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#555\">").append(String.format(Locale.ROOT, "%.2f", v))
                    .append("</text>");
        }
        int step = Math.max(1, (int) Math.ceil(maxEpoch / 10.0));
        for (int e = 1; e <= maxEpoch; e += step) {
            svg.append("<text x=\"").append(f(xOf(e, maxEpoch, plotW))).append("\" y=\"").append(TOP + plotH + 14)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(e).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\" fill=\"#555\">epoch</text>");
        if (chance != null && chance >= yMin && chance <= yMax) {
            double y = yOf(chance, yMin, yMax, plotH);
            svg.append("<line class=\"chance\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y))
                    .append("\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>");
            svg.append("<text x=\"").append(LEFT + plotW - 2).append("\" y=\"").append(f(y - 3))
                    .append("\" text-anchor=\"end\" fill=\"#888\">").append(chanceLabel).append("</text>");
        }
        for (Map.Entry<Integer, List<EpochMetrics>> member : byMember.entrySet()) {
            String colour = COLOURS.get(member.getKey() % COLOURS.size());
            for (Series s : series) {
                StringBuilder path = new StringBuilder();
                StringBuilder dots = new StringBuilder();
                for (EpochMetrics m : member.getValue()) {
                    double v = s.value().applyAsDouble(m);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double x = xOf(m.epoch(), maxEpoch, plotW);
                    double y = yOf(Math.min(yMax, Math.max(yMin, v)), yMin, yMax, plotH);
                    path.append(path.length() == 0 ? "M" : " L").append(f(x)).append(',').append(f(y));
                    if (s.dots()) {
                        dots.append("<circle class=\"point\" data-member=\"").append(member.getKey() + 1)
                                .append("\" data-epoch=\"").append(m.epoch()).append("\" cx=\"").append(f(x))
                                .append("\" cy=\"").append(f(y)).append("\" r=\"3\" fill=\"").append(colour)
                                .append("\"><title>member ").append(member.getKey() + 1).append(", epoch ")
                                .append(m.epoch()).append(": ").append(s.name()).append(' ')
                                .append(String.format(Locale.ROOT, "%.3f", v)).append("</title></circle>");
                    }
                }
                if (path.length() > 0) {
                    svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                            .append("\" stroke-width=\"1.8\"");
                    if (s.dash() != null) {
                        svg.append(" stroke-dasharray=\"").append(s.dash()).append('"');
                    }
                    svg.append("/>").append(dots);
                }
            }
        }
        svg.append("</g>");
    }

    private static void legend(StringBuilder svg, Iterable<Integer> members) {
        int x = LEFT;
        int y = H + 16;
        for (int member : members) {
            String colour = COLOURS.get(member % COLOURS.size());
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 18).append("\" y1=\"").append(y - 4)
                    .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/><text x=\"").append(x + 22).append("\" y=\"").append(y)
                    .append("\">member ").append(member + 1).append("</text>");
            x += 90;
        }
        svg.append("<line x1=\"").append(x + 10).append("\" x2=\"").append(x + 28).append("\" y1=\"").append(y - 4)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>")
                .append("<text x=\"").append(x + 32).append("\" y=\"").append(y).append("\">training loss</text>")
                .append("<line x1=\"").append(x + 120).append("\" x2=\"").append(x + 138).append("\" y1=\"")
                .append(y - 4).append("\" y2=\"").append(y - 4).append("\" stroke=\"#555\"/>")
                .append("<text x=\"").append(x + 142).append("\" y=\"").append(y)
                .append("\">validation</text>");
    }

    private static double xOf(int epoch, int maxEpoch, int plotW) {
        return maxEpoch <= 1 ? LEFT + plotW / 2.0 : LEFT + 8 + (plotW - 16.0) * (epoch - 1) / (maxEpoch - 1);
    }

    private static double yOf(double v, double yMin, double yMax, int plotH) {
        return TOP + plotH - plotH * (v - yMin) / (yMax - yMin);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
