package org.labscale.training.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
 * {@link InstanceScoring}; {@link #select} then pools the images (cell-weighted) and chooses:
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
 * The {@link #grid() grid} is modest: method THRESHOLD or WATERSHED x interior threshold 0.5, 0.6, 0.7 x regrowth 2,
 * 1, 3 steps, everything else default (minimum area 30: on NIH-3T3 nuclei 30, 60 and 100 scored the same, see
 * {@code docs/benchmarks.md}). Not thread-safe; one instance per selection.
 */
public final class PostProcessingSelection {

    /** Fewest pooled reference cells for any setting other than the defaults to be chosen. */
    public static final int MIN_CELLS = 20;
    /** Largest drop of object F1 at IoU 0.5 below the defaults' that a chosen setting may cost. */
    public static final double MAX_F1_DROP = 0.02;
    /** Pooled mean per-cell Jaccard scores this close to the best count as tied. */
    public static final double TIE = 0.001;
    /** Smallest gain in pooled mean per-cell Jaccard over the defaults for a setting to replace them. */
    public static final double MIN_GAIN = 0.005;

    /** One setting with its pooled scores on the validation images. */
    public record Candidate(PostProcessing settings, ImageScores scores) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s t=%.2f minArea %d regrowth %d: Jaccard %.3f, Dice %.3f, %d ref/%d"
                    + " seg, F1@0.5 %.3f", settings.method(), settings.threshold(), settings.minArea(),
                    settings.regrowth(), scores.meanJaccard(), scores.meanDice(), scores.referenceCells(),
                    scores.segmentedCells(), scores.f1());
        }
    }

    /**
     * The outcome.
     *
     * @param recommended the chosen setting (the defaults when nothing was better enough)
     * @param defaults    the defaults with their scores
     * @param ranked      every grid point, best pooled Jaccard first (grid order on equal scores)
     * @param images      validation images scored
     * @param reason      why the recommendation is what it is, in a sentence
     */
    public record Selection(Candidate recommended, Candidate defaults, List<Candidate> ranked, int images,
                            String reason) {

        /** Whether the recommendation differs from the defaults. */
        public boolean changed() {
            return !recommended.settings().equals(defaults.settings());
        }
    }

    private final List<PostProcessing> grid;
    private final List<List<ImageScores>> scores = new ArrayList<>();
    private int images;

    /** The selection over {@link #grid()}. */
    public PostProcessingSelection() {
        this(grid());
    }

    /**
     * @param grid the settings to try (filled in with defaults); the defaults are put first when absent
     */
    public PostProcessingSelection(List<PostProcessing> grid) {
        List<PostProcessing> all = new ArrayList<>();
        all.add(PostProcessing.defaults());
        for (PostProcessing p : grid) {
            PostProcessing filled = p.withDefaults();
            if (filled.method() == PostProcessingMethod.ACTIVE_CONTOURS) {
                throw new IllegalArgumentException("ACTIVE_CONTOURS needs a nuclear model and cannot be selected");
            }
            if (!all.contains(filled)) {
                all.add(filled);
            }
        }
        this.grid = List.copyOf(all);
        this.grid.forEach(p -> scores.add(new ArrayList<>()));
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

    /** The settings tried, defaults first. */
    public List<PostProcessing> settings() {
        return grid;
    }

    /**
     * Post-processes one validation image's probability maps with every setting and scores each against
     * {@code reference} (instance labels, 0 background).
     */
    public void add(ProbabilityMaps maps, LabelImage reference) {
        for (int i = 0; i < grid.size(); i++) {
            ImageScores s = InstanceScoring.score(reference, new PostProcessor(grid.get(i)).cells(maps));
            scores.get(i).add(ImageScores.pool(List.of(s))); // without the per-cell list
        }
        images++;
    }

    /** Chooses among the settings as the class describes; needs at least one {@link #add added} image. */
    public Selection select() {
        if (images == 0) {
            throw new IllegalStateException("no validation image was added");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            candidates.add(new Candidate(grid.get(i), ImageScores.pool(scores.get(i))));
        }
        Candidate defaults = candidates.get(0);
        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> c.scores().meanJaccard()).reversed()); // stable
        int cells = defaults.scores().referenceCells();
        if (cells < MIN_CELLS) {
            return new Selection(defaults, defaults, ranked, images, "the validation images hold " + cells
                    + " reference cells, fewer than " + MIN_CELLS + ": the defaults are kept.");
        }
        double minF1 = defaults.scores().f1() - MAX_F1_DROP;
        List<Candidate> eligible = candidates.stream().filter(c -> c.scores().f1() >= minF1).toList();
        double best = eligible.stream().mapToDouble(c -> c.scores().meanJaccard()).max().orElseThrow();
        Candidate winner = null;
        for (Candidate c : eligible) { // grid order: the first of equal F1 wins
            if (c.scores().meanJaccard() >= best - TIE && (winner == null || c.scores().f1() > winner.scores().f1())) {
                winner = c;
            }
        }
        double gain = winner.scores().meanJaccard() - defaults.scores().meanJaccard();
        if (winner == defaults || gain < MIN_GAIN) {
            return new Selection(defaults, defaults, ranked, images, String.format(Locale.ROOT, "no setting beats"
                    + " the defaults' mean per-cell Jaccard %.3f by %.3f or more without losing more than %.2f of"
                    + " object F1: the defaults are kept.", defaults.scores().meanJaccard(), MIN_GAIN, MAX_F1_DROP));
        }
        return new Selection(winner, defaults, ranked, images, String.format(Locale.ROOT, "mean per-cell Jaccard"
                + " %.3f against the defaults' %.3f (object F1 %.3f against %.3f) over %d reference cells.",
                winner.scores().meanJaccard(), defaults.scores().meanJaccard(), winner.scores().f1(),
                defaults.scores().f1(), cells));
    }
}
