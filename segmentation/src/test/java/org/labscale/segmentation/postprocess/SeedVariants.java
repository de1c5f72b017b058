package org.labscale.segmentation.postprocess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

/** The classical seeds with and without each of their steps, for the studies that compare them on real data. */
public final class SeedVariants {

    private SeedVariants() {
    }

    /** Name to seeder, minimum nucleus area 30 px: session 11's seeds first, the default ({@code new}) last. */
    public static Map<String, Function<FloatPlane, LabelImage>> all() {
        Map<String, Function<FloatPlane, LabelImage>> seeders = new LinkedHashMap<>();
        seeders.put("session 11", p -> new ClassicalNuclei(30, false, Double.NaN).segment(p));
        seeders.put("dim pass", p -> new ClassicalNuclei(30, true, Double.NaN).segment(p));
        seeders.put("dim pass + peaks h 0.05", p -> new ClassicalNuclei(30, true, 0.05).segment(p));
        seeders.put("dim pass + peaks h 0.2", p -> new ClassicalNuclei(30, true, 0.2).segment(p));
        seeders.put("new (dim pass + peaks)", p -> new ClassicalNuclei(30).segment(p));
        return seeders;
    }
}
