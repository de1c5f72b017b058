package org.labscale.tracking.link;

import java.util.Map;

/**
 * The linking cost of TrackMate's LAP tracker: the squared distance, multiplied by the square of a penalty
 * {@code P = 1 + sum(1.5 * w * |f1 - f2| / ((f1 + f2) / 2))} over the penalised features (a feature with weight 1 whose
 * value doubles makes two spots look twice as far apart). A feature that is unknown on either spot adds nothing.
 * Since {@code P >= 1}, a cost is never below the squared distance, so candidates can be searched by distance.
 */
final class LinkCost {

    private final Feature[] features;
    private final double[] weights;

    LinkCost(Map<Feature, Double> penalties) {
        features = penalties.keySet().toArray(new Feature[0]);
        weights = new double[features.length];
        for (int k = 0; k < features.length; k++) {
            weights[k] = penalties.get(features[k]);
        }
    }

    double cost(Spot source, Spot target) {
        double d2 = source.squareDistanceTo(target);
        if (features.length == 0) {
            return d2;
        }
        double penalty = 1;
        for (int k = 0; k < features.length; k++) {
            double a = source.feature(features[k]);
            double b = target.feature(features[k]);
            double normalisedDifference = Math.abs(a - b) / ((a + b) / 2);
            if (!Double.isNaN(normalisedDifference)) {
                penalty += weights[k] * 1.5 * normalisedDifference;
            }
        }
        return (d2 == 0 ? Double.MIN_NORMAL : d2) * penalty * penalty;
    }
}
