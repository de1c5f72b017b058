package org.labscale.bioimageio.run;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bioimage.io processing steps Labscale runs, on planes {@code [channel][pixel]} of one sample, in place, with
 * statistics over the whole image (so tiles agree with each other):
 * <ul>
 *   <li>{@code zero_mean_unit_variance} ({@code axes}, {@code eps} 1e-6): {@code (v - mean) / (std + eps)}, population
 *       standard deviation;</li>
 *   <li>{@code scale_range} ({@code axes}, {@code min_percentile} 0, {@code max_percentile} 100, {@code eps} 1e-6):
 *       {@code (v - lo) / (hi - lo + eps)}, percentiles interpolated linearly as NumPy does;</li>
 *   <li>{@code scale_linear} ({@code gain} 1, {@code offset} 0, each a number or one per channel):
 *       {@code v * gain + offset};</li>
 *   <li>{@code sigmoid}; {@code ensure_dtype} to {@code float32} (nothing to do).</li>
 * </ul>
 * Statistics are per channel unless {@code axes} names the channel axis (or is absent: all axes jointly), as the
 * specification says.
 */
public final class Processing {

    /** The step ids Labscale runs. */
    public static final Set<String> SUPPORTED = Set.of("zero_mean_unit_variance", "scale_range", "scale_linear",
            "sigmoid", "ensure_dtype");

    private Processing() {
    }

    /** Why Labscale cannot run {@code step}, or null when it can. */
    public static String problem(Map<String, Object> step, String where) {
        String id = String.valueOf(step.get("id"));
        if (!SUPPORTED.contains(id)) {
            return "the " + where + " step '" + id + "' is not supported (Labscale runs "
                    + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")";
        }
        Map<String, Object> kwargs = kwargs(step);
        if ("ensure_dtype".equals(id) && !"float32".equals(String.valueOf(kwargs.getOrDefault("dtype", "float32")))) {
            return "the " + where + " step ensure_dtype to '" + kwargs.get("dtype") + "' is not supported (float32 is)";
        }
        if ("scale_range".equals(id) && kwargs.get("reference_tensor") != null) {
            return "the " + where + " step scale_range with a reference_tensor is not supported";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kwargs(Map<String, Object> step) {
        Object k = step.get("kwargs");
        return k instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Applies the steps in order. */
    public static void apply(List<Map<String, Object>> steps, float[][] planes) {
        for (Map<String, Object> step : steps) {
            Map<String, Object> kwargs = kwargs(step);
            switch (String.valueOf(step.get("id"))) {
                case "zero_mean_unit_variance" -> forGroups(kwargs, planes, (group, values) -> {
                    double sum = 0;
                    for (float v : values) {
                        sum += v;
                    }
                    double mean = sum / values.length;
                    double squares = 0;
                    for (float v : values) {
                        squares += (v - mean) * (v - mean);
                    }
                    double std = Math.sqrt(squares / values.length);
                    double eps = number(kwargs.get("eps"), 1e-6);
                    affine(planes, group, 1 / (std + eps), -mean / (std + eps));
                });
                case "scale_range" -> forGroups(kwargs, planes, (group, values) -> {
                    float[] sorted = values.clone();
                    Arrays.sort(sorted);
                    double lo = percentile(sorted, number(kwargs.get("min_percentile"), 0));
                    double hi = percentile(sorted, number(kwargs.get("max_percentile"), 100));
                    double eps = number(kwargs.get("eps"), 1e-6);
                    affine(planes, group, 1 / (hi - lo + eps), -lo / (hi - lo + eps));
                });
                case "scale_linear" -> {
                    for (int c = 0; c < planes.length; c++) {
                        affine(planes, List.of(c), perChannel(kwargs.get("gain"), c, 1),
                                perChannel(kwargs.get("offset"), c, 0));
                    }
                }
                case "sigmoid" -> {
                    for (float[] plane : planes) {
                        for (int i = 0; i < plane.length; i++) {
                            plane[i] = (float) (1 / (1 + Math.exp(-plane[i])));
                        }
                    }
                }
                default -> { } // ensure_dtype float32: the planes are float32 already
            }
        }
    }

    private interface GroupStep {
        void apply(List<Integer> channels, float[] values);
    }

    /** Calls {@code step} once per channel, or once for all channels when the statistics are joint. */
    private static void forGroups(Map<String, Object> kwargs, float[][] planes, GroupStep step) {
        Object axes = kwargs.get("axes");
        boolean joint = axes == null || (axes instanceof Collection<?> list
                && (list.contains("channel") || list.contains("c")));
        if (joint) {
            int n = planes[0].length;
            float[] all = new float[planes.length * n];
            for (int c = 0; c < planes.length; c++) {
                System.arraycopy(planes[c], 0, all, c * n, n);
            }
            List<Integer> every = java.util.stream.IntStream.range(0, planes.length).boxed().toList();
            step.apply(every, all);
        } else {
            for (int c = 0; c < planes.length; c++) {
                step.apply(List.of(c), planes[c]);
            }
        }
    }

    /** {@code v * gain + shift}, computed in double as NumPy's float64 statistics are. */
    private static void affine(float[][] planes, List<Integer> channels, double gain, double shift) {
        for (int c : channels) {
            float[] p = planes[c];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (p[i] * gain + shift);
            }
        }
    }

    static double percentile(float[] sorted, double percent) {
        double rank = percent / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * ((double) sorted[above] - sorted[below]);
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }

    private static double perChannel(Object value, int channel, double otherwise) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? otherwise : number(list.get(Math.min(channel, list.size() - 1)), otherwise);
        }
        return number(value, otherwise);
    }
}
