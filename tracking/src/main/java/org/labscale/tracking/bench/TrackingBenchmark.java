package org.labscale.tracking.bench;

import org.labscale.tracking.link.LapTracker;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;
import org.labscale.tracking.link.TrackerSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times the LAP tracker on synthetic series: {@code n} points at the density of a confluent culture (one per 20x20 px),
 * moving by a Gaussian step of 3 px per frame, 2% of them dividing each frame into two daughters 5 px apart. The
 * tracker runs with the nuclei defaults' distances (30 px) and gap closing and splitting on, over {@code frames} frames;
 * the time per frame pair is the whole tracking time divided by {@code frames - 1}.
 *
 * <p>Run: {@code ../shared/tools/bench java -cp tracking/target/classes
 * org.labscale.tracking.bench.TrackingBenchmark [frames] [repetitions] [n...]}
 * (defaults 6 frames, 5 repetitions, n = 100, 1000, 10000). Prints a Markdown table.
 */
public final class TrackingBenchmark {

    private TrackingBenchmark() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] sizes = args.length > 2 ? new int[args.length - 2] : new int[] {100, 1_000, 10_000};
        for (int k = 2; k < args.length; k++) {
            sizes[k - 2] = Integer.parseInt(args[k]);
        }
        TrackerSettings settings = TrackerSettings.linkingOnly(30).withGapClosing(30, 2).withSplitting(30);
        System.out.printf(Locale.ROOT, "cores available: %d, JVM %s, %d frames, best and median of %d runs%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), frames, repetitions);
        System.out.println("| points per frame | spots in series | links | per frame pair, best (ms) | "
                + "per frame pair, median (ms) | links right |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int n : sizes) {
            Series series = Series.generate(n, frames, new Random(n));
            new LapTracker(settings).track(series.spots); // warm-up
            long[] times = new long[repetitions];
            List<Link> links = List.of();
            for (int r = 0; r < repetitions; r++) {
                long start = System.nanoTime();
                links = new LapTracker(settings).track(series.spots);
                times[r] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            double best = times[0] / 1e6 / (frames - 1);
            double median = times[repetitions / 2] / 1e6 / (frames - 1);
            System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.1f%% |%n", n, series.spots.size(),
                    links.size(), best, median, 100.0 * series.correct(links) / series.truth);
        }
    }

    /** Synthetic points with their true parent, to report how many links the tracker got right. */
    private static final class Series {
        final List<Spot> spots = new ArrayList<>();
        final List<Integer> parentOf = new ArrayList<>();
        int truth;

        static Series generate(int n, int frames, Random random) {
            Series s = new Series();
            double side = Math.sqrt(n) * 20;
            List<double[]> current = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                current.add(new double[] {random.nextDouble() * side, random.nextDouble() * side});
                ids.add(s.add(0, current.get(k), -1));
            }
            for (int f = 1; f < frames; f++) {
                List<double[]> next = new ArrayList<>();
                List<Integer> nextIds = new ArrayList<>();
                for (int k = 0; k < current.size(); k++) {
                    double[] p = current.get(k);
                    double[] q = {p[0] + 3 * random.nextGaussian(), p[1] + 3 * random.nextGaussian()};
                    if (random.nextDouble() < 0.02) {
                        double angle = random.nextDouble() * Math.PI;
                        double dx = 2.5 * Math.cos(angle);
                        double dy = 2.5 * Math.sin(angle);
                        double[] a = {q[0] + dx, q[1] + dy};
                        double[] b = {q[0] - dx, q[1] - dy};
                        next.add(a);
                        nextIds.add(s.add(f, a, ids.get(k)));
                        next.add(b);
                        nextIds.add(s.add(f, b, ids.get(k)));
                    } else {
                        next.add(q);
                        nextIds.add(s.add(f, q, ids.get(k)));
                    }
                }
                current = next;
                ids = nextIds;
            }
            return s;
        }

        int add(int frame, double[] p, int parent) {
            int id = spots.size();
            spots.add(Spot.point(id, frame, p[0], p[1]));
            parentOf.add(parent);
            if (parent >= 0) {
                truth++;
            }
            return id;
        }

        int correct(List<Link> links) {
            int right = 0;
            for (Link l : links) {
                if (parentOf.get(l.target()) == l.source()) {
                    right++;
                }
            }
            return right;
        }
    }
}
