package org.labscale.training.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * Chooses a model's post-processing on held-out validation images, the way the method's free parameters are set on
 * validation data rather than on the images a net learnt from (Van Valen et al. 2016 choose the interior threshold
 * per data set). The ensemble's probability maps of each image are {@link #add added} once; every setting of the
 * grid post-processes them ({@link PostProcessor}) and is scored against the image's reference cells by
 * {@link InstanceScoring}; {@link #select} then pools the images (cell-weighted) and chooses in two steps.
 * <p>First the segmentation ({@link #grid()}: method, interior threshold, regrowth; with nuclear seeds also
 * {@link #activeContourGrid()}), each with the default object filter (minimum area 30):
 * <ol>
 *   <li>the defaults ({@link PostProcessing#defaults()}) are kept when the images hold fewer than
 *       {@link #MIN_CELLS} reference cells: too few to tell settings apart;</li>
 *   <li>a setting is eligible when its object F1 at IoU 0.5 is at most {@link #MAX_F1_DROP} below the defaults':
 *       mean per-cell Jaccard takes each reference cell's best-overlapping segment and so does not see extra
 *       objects, which would let it reward over-splitting;</li>
 *   <li>among the eligible settings, those within {@link #TIE} of the best pooled mean per-cell Jaccard are tied;
 *       the tie goes to the higher F1, then to the earlier grid point (the defaults come first);</li>
 *   <li>the winner replaces the defaults only when it beats their Jaccard by at least {@link #MIN_GAIN}, so that
 *       one noisy validation image does not change settings for nothing.</li>
 * </ol>
 * Then the object filters ({@link #filters(CellAreas)}: area limits learnt from the training set's annotated cells,
 * a minimum mean interior probability) on that segmentation: the filter with the best object F1 among those that
 * keep its mean per-cell Jaccard within {@link #JACCARD_SLACK} is taken when it raises F1 by at least
 * {@link #MIN_F1_GAIN}. Per-cell Jaccard ignores extra objects, so debris and fragments only show in F1 and in the
 * segmented/reference count; a filter that drops real cells lowers the Jaccard and is not eligible.
 * <p>ACTIVE_CONTOURS settings need each image's nuclear seeds ({@link #add(ProbabilityMaps, LabelImage, IntFunction)}),
 * as a segmentation job without a nuclear model finds them in the nuclear channel: the seeds depend on the setting's
 * minimum area (a job drops smaller nuclei), so each minimum area tried gets its own seeds and contours.
 * Not thread-safe; one instance per selection.
 */
public final class PostProcessingSelection {

    /** Fewest pooled reference cells for any setting other than the defaults to be chosen. */
    public static final int MIN_CELLS = 20;
    /** Largest drop of object F1 at IoU 0.5 below the defaults' that a chosen segmentation may cost. */
    public static final double MAX_F1_DROP = 0.02;
    /** Pooled mean per-cell Jaccard scores this close to the best count as tied. */
    public static final double TIE = 0.001;
    /** Smallest gain in pooled mean per-cell Jaccard over the defaults for a segmentation to replace them. */
    public static final double MIN_GAIN = 0.005;
    /** Largest drop of pooled mean per-cell Jaccard an object filter may cost. */
    public static final double JACCARD_SLACK = 0.002;
    /** Smallest gain in object F1 for an object filter to be taken. */
    public static final double MIN_F1_GAIN = 0.01;
    /** The minimum mean interior probabilities tried (besides none). */
    static final double[] CELL_PROBABILITIES = {0.6, 0.7, 0.8};

    /** An object filter: area limits ({@code maxArea} null: none) and a minimum mean interior probability. */
    public record Filter(int minArea, Integer maxArea, Double minCellProbability) {

        /** The defaults' filter: minimum area 30, nothing else. */
        public static Filter none() {
            PostProcessing d = PostProcessing.defaults();
            return new Filter(d.minArea(), d.maxArea(), d.minCellProbability());
        }

        PostProcessing on(PostProcessing segmentation) {
            return segmentation.withCellFilters(minArea, maxArea, minCellProbability).withDefaults();
        }
    }

    /** One setting with its pooled scores on the validation images. */
    public record Candidate(PostProcessing settings, ImageScores scores) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s t=%.2f regrowth %d minArea %d maxArea %s minCellProbability %s:"
                    + " Jaccard %.3f, Dice %.3f, %d ref/%d seg, F1@0.5 %.3f", settings.method(), settings.threshold(),
                    settings.regrowth(), settings.minArea(), settings.maxArea(), settings.minCellProbability(),
                    scores.meanJaccard(), scores.meanDice(), scores.referenceCells(), scores.segmentedCells(),
                    scores.f1());
        }
    }

    /**
     * The outcome.
     *
     * @param recommended the chosen setting (the defaults when nothing was better enough)
     * @param defaults    the defaults with their scores
     * @param ranked      every setting tried, best pooled Jaccard first (grid order on equal scores)
     * @param images      validation images scored
     * @param reason      why the recommendation is what it is, in a sentence or two
     */
    public record Selection(Candidate recommended, Candidate defaults, List<Candidate> ranked, int images,
                            String reason) {

        /** Whether the recommendation differs from the defaults. */
        public boolean changed() {
            return !recommended.settings().equals(defaults.settings());
        }
    }

    private final List<PostProcessing> segmentations;
    private final List<Filter> filters;
    /** Scores per image of segmentation s with filter f at index {@code s * filters.size() + f}. */
    private final List<List<ImageScores>> scores = new ArrayList<>();
    private int images;

    /** The selection over {@link #grid()} with the default filter only. */
    public PostProcessingSelection() {
        this(grid());
    }

    /** The selection over {@link #grid()} and {@link #filters(CellAreas)} learnt from {@code areas}. */
    public PostProcessingSelection(CellAreas areas) {
        this(areas, false);
    }

    /**
     * The selection over {@link #grid()}, with {@code nuclearSeeds} also {@link #activeContourGrid()} (every image
     * is then {@link #add(ProbabilityMaps, LabelImage, IntFunction) added} with its seeds), and the filters learnt
     * from {@code areas}.
     */
    public PostProcessingSelection(CellAreas areas, boolean nuclearSeeds) {
        this(nuclearSeeds ? concat(grid(), activeContourGrid()) : grid(), filters(areas));
    }

    /** @param grid the segmentations to try (filled in with defaults; the defaults are put first when absent) */
    public PostProcessingSelection(List<PostProcessing> grid) {
        this(grid, List.of());
    }

    /**
     * @param grid    the segmentations to try, each as given (its own filter) and with each of {@code filters};
     *                filled in with defaults; the defaults are put first when absent
     * @param filters object filters to try on every segmentation (the default filter is added first)
     */
    public PostProcessingSelection(List<PostProcessing> grid, List<Filter> filters) {
        Set<PostProcessing> all = new LinkedHashSet<>();
        all.add(PostProcessing.defaults());
        for (PostProcessing p : grid) {
            all.add(p.withDefaults());
        }
        Set<Filter> tried = new LinkedHashSet<>();
        tried.add(null); // the segmentation's own filter
        tried.addAll(filters);
        this.segmentations = List.copyOf(all);
        this.filters = new ArrayList<>(tried);
        for (int i = 0; i < segmentations.size() * this.filters.size(); i++) {
            scores.add(new ArrayList<>());
        }
    }

    /** The default grid: THRESHOLD or WATERSHED x threshold 0.5, 0.6, 0.7 x regrowth 2, 1, 3; defaults first. */
    public static List<PostProcessing> grid() {
        List<PostProcessing> out = new ArrayList<>();
        for (PostProcessingMethod method : List.of(PostProcessingMethod.THRESHOLD, PostProcessingMethod.WATERSHED)) {
            for (double threshold : new double[] {0.5, 0.6, 0.7}) {
                for (int regrowth : new int[] {2, 1, 3}) {
                    out.add(new PostProcessing(method, threshold, null, null, null, null, null, null, null, null,
                            null, null, regrowth).withDefaults());
                }
            }
        }
        return out;
    }

    /**
     * The ACTIVE_CONTOURS settings tried when the images have nuclear seeds: threshold 0.5, 0.6, 0.7 x regrowth 2, 4,
     * 6, the contour's own settings at their defaults. Cytoplasm nets call a wide rim of large cells boundary (on
     * HeLa-S3 the interior above 0.5 covers 0.53 of the reference cells' union, interior + boundary 0.82), so more
     * regrowth steps than the nuclear grid's pay (0.657 with 4 steps, 0.672 with 6, at threshold 0.7:
     * {@code CytoplasmPostProcessingStudy}).
     */
    public static List<PostProcessing> activeContourGrid() {
        List<PostProcessing> out = new ArrayList<>();
        for (double threshold : new double[] {0.5, 0.6, 0.7}) {
            for (int regrowth : new int[] {2, 4, 6}) {
                out.add(new PostProcessing(PostProcessingMethod.ACTIVE_CONTOURS, threshold, null, null, null, null,
                        null, null, null, null, null, null, regrowth).withDefaults());
            }
        }
        return out;
    }

    private static List<PostProcessing> concat(List<PostProcessing> a, List<PostProcessing> b) {
        List<PostProcessing> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Object filters learnt from the annotated cells' areas: minimum area the default 30 or half (or a quarter) of the
     * 2nd-percentile cell, maximum area none or three times the 98th-percentile cell, minimum mean interior
     * probability none or {@link #CELL_PROBABILITIES}. Without annotated cells, only the probability filters.
     */
    public static List<Filter> filters(CellAreas areas) {
        Set<Integer> mins = new LinkedHashSet<>();
        mins.add(Filter.none().minArea());
        List<Integer> maxes = new ArrayList<>();
        maxes.add(null);
        if (areas.count() > 0) {
            mins.add(Math.max(1, areas.quantile(0.02) / 2));
            mins.add(Math.max(1, areas.quantile(0.02) / 4));
            maxes.add(3 * areas.quantile(0.98));
        }
        List<Double> probabilities = new ArrayList<>();
        probabilities.add(null);
        for (double p : CELL_PROBABILITIES) {
            probabilities.add(p);
        }
        Set<Filter> out = new LinkedHashSet<>();
        for (int min : mins) {
            for (Integer max : maxes) {
                for (Double p : probabilities) {
                    out.add(new Filter(min, max == null ? null : Math.max(max, min), p));
                }
            }
        }
        out.remove(Filter.none());
        return List.copyOf(out);
    }

    /** The settings tried, defaults first. */
    public List<PostProcessing> settings() {
        List<PostProcessing> out = new ArrayList<>();
        for (PostProcessing s : segmentations) {
            for (Filter f : filters) {
                out.add(f == null ? s : f.on(s));
            }
        }
        return out;
    }

    /**
     * Post-processes one validation image's probability maps with every setting and scores each against
     * {@code reference} (instance labels, 0 background). Each segmentation runs once; its filters reuse it.
     *
     * @throws IllegalStateException when the settings include ACTIVE_CONTOURS, which need the image's seeds
     */
    public void add(ProbabilityMaps maps, LabelImage reference) {
        add(maps, reference, null);
    }

    /**
     * {@link #add(ProbabilityMaps, LabelImage)} with the image's nuclear seeds for the ACTIVE_CONTOURS settings.
     *
     * @param nuclei the seeds of a minimum nuclear area (as a segmentation job finds them, e.g. by
     *               {@code ClassicalNuclei}); asked once per area; null: no seeds
     */
    public void add(ProbabilityMaps maps, LabelImage reference, IntFunction<LabelImage> nuclei) {
        float[] interior = maps.interior();
        Map<Integer, LabelImage> seeds = new HashMap<>();
        for (int s = 0; s < segmentations.size(); s++) {
            PostProcessing segmentation = segmentations.get(s);
            boolean contours = segmentation.method() == PostProcessingMethod.ACTIVE_CONTOURS;
            if (contours && nuclei == null) {
                throw new IllegalStateException("ACTIVE_CONTOURS settings need the image's nuclear seeds");
            }
            LabelImage plain = contours ? null : new PostProcessor(segmentation).unfiltered(maps);
            Map<Integer, LabelImage> contoured = new HashMap<>(); // by minimum area: the seeds differ
            for (int f = 0; f < filters.size(); f++) {
                Filter filter = filters.get(f);
                PostProcessing settings = filter == null ? segmentation : filter.on(segmentation);
                LabelImage unfiltered = plain != null ? plain : contoured.computeIfAbsent(settings.minArea(),
                        area -> new PostProcessor(segmentation).unfilteredCytoplasm(maps,
                                seeds.computeIfAbsent(area, nuclei::apply)));
                LabelImage cells = new PostProcessor(settings).filter(unfiltered, interior);
                ImageScores score = InstanceScoring.score(reference, cells);
                scores.get(s * filters.size() + f).add(ImageScores.pool(List.of(score))); // without per-cell list
            }
        }
        images++;
    }

    /** Chooses among the settings as the class describes; needs at least one {@link #add added} image. */
    public Selection select() {
        if (images == 0) {
            throw new IllegalStateException("no validation image was added");
        }
        List<Candidate> unfiltered = new ArrayList<>();
        List<Candidate> all = new ArrayList<>();
        for (int s = 0; s < segmentations.size(); s++) {
            for (int f = 0; f < filters.size(); f++) {
                PostProcessing settings = filters.get(f) == null ? segmentations.get(s)
                        : filters.get(f).on(segmentations.get(s));
                Candidate c = new Candidate(settings, ImageScores.pool(scores.get(s * filters.size() + f)));
                all.add(c);
                if (f == 0) {
                    unfiltered.add(c);
                }
            }
        }
        Candidate defaults = unfiltered.get(0);
        List<Candidate> ranked = new ArrayList<>(all);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> c.scores().meanJaccard()).reversed()); // stable
        int cells = defaults.scores().referenceCells();
        if (cells < MIN_CELLS) {
            return new Selection(defaults, defaults, ranked, images, "the validation images hold " + cells
                    + " reference cells, fewer than " + MIN_CELLS + ": the defaults are kept.");
        }
        Candidate segmentation = segmentation(unfiltered, defaults);
        String why = segmentation == defaults ? String.format(Locale.ROOT, "no segmentation beats the defaults' mean"
                + " per-cell Jaccard %.3f by %.3f or more without losing more than %.2f of object F1: the defaults"
                + " are kept.", defaults.scores().meanJaccard(), MIN_GAIN, MAX_F1_DROP)
                : String.format(Locale.ROOT, "mean per-cell Jaccard %.3f against the defaults' %.3f (object F1 %.3f"
                + " against %.3f) over %d reference cells.", segmentation.scores().meanJaccard(),
                defaults.scores().meanJaccard(), segmentation.scores().f1(), defaults.scores().f1(), cells);
        int s = unfiltered.indexOf(segmentation);
        Candidate filtered = filter(all.subList(s * filters.size(), (s + 1) * filters.size()), segmentation);
        if (filtered != segmentation) {
            PostProcessing f = filtered.settings();
            why += String.format(Locale.ROOT, " Object filter (min area %d, max area %s, min mean interior"
                    + " probability %s): object F1 %.3f against %.3f, %d segmented for %d reference cells instead of"
                    + " %d, mean per-cell Jaccard %.3f.", f.minArea(), f.maxArea() == null ? "none" : f.maxArea(),
                    f.minCellProbability() == null ? "none" : f.minCellProbability(), filtered.scores().f1(),
                    segmentation.scores().f1(), filtered.scores().segmentedCells(), cells,
                    segmentation.scores().segmentedCells(), filtered.scores().meanJaccard());
        }
        return new Selection(filtered, defaults, ranked, images, why);
    }

    /** The first step: the segmentation (default filter) as the class describes, or the defaults. */
    private static Candidate segmentation(List<Candidate> unfiltered, Candidate defaults) {
        double minF1 = defaults.scores().f1() - MAX_F1_DROP;
        List<Candidate> eligible = unfiltered.stream().filter(c -> c.scores().f1() >= minF1).toList();
        double best = eligible.stream().mapToDouble(c -> c.scores().meanJaccard()).max().orElseThrow();
        Candidate winner = null;
        for (Candidate c : eligible) { // grid order: the first of equal F1 wins
            if (c.scores().meanJaccard() >= best - TIE && (winner == null || c.scores().f1() > winner.scores().f1())) {
                winner = c;
            }
        }
        double gain = winner.scores().meanJaccard() - defaults.scores().meanJaccard();
        return winner == defaults || gain < MIN_GAIN ? defaults : winner;
    }

    /** The second step: the best object filter on {@code segmentation} ({@code variants}, its own first), or none. */
    private static Candidate filter(List<Candidate> variants, Candidate segmentation) {
        double minJaccard = segmentation.scores().meanJaccard() - JACCARD_SLACK;
        Candidate best = segmentation;
        for (Candidate c : variants) { // filter order: the first of equal F1 wins
            if (c.scores().meanJaccard() >= minJaccard && c.scores().f1() > best.scores().f1()) {
                best = c;
            }
        }
        return best.scores().f1() >= segmentation.scores().f1() + MIN_F1_GAIN ? best : segmentation;
    }
}
