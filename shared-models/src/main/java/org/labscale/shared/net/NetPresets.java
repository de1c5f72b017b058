package org.labscale.shared.net;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.labscale.shared.net.LayerSpec.Conv;
import org.labscale.shared.net.LayerSpec.Dense;
import org.labscale.shared.net.LayerSpec.MaxPool;

/**
 * The nets of Van Valen et al. 2016 ("DeepCell"), by name. Every convolution and dense layer has batch normalisation
 * and a ReLU; a dense layer to the classes with a softmax follows the listed layers.
 *
 * <ul>
 *   <li>{@code bacteria-net} (31x31, 1 channel, 3 classes): conv 32 4x4, pool, conv 32 3x3, conv 32 3x3, pool,
 *       dense 128 over the remaining 5x5 map. Bacteria are a few pixels wide, so a 31 px patch covers a cell and
 *       its neighbours. Trained with dense sampling at batch 1,024 by default: on real bacteria-sized objects this
 *       trains at 3,000-4,000 patch-equivalents/s on two CPU cores (patch sampling ~1,100 patches/s) with the same
 *       per-cell Jaccard (docs/benchmarks.md, session 7).</li>
 *   <li>{@code nuclear-net} (61x61, 1 channel nuclear marker, 3 classes): the paper's 61x61 net, conv 64 3x3,
 *       conv 64 4x4, pool, conv 64 3x3, conv 64 3x3, pool, conv 64 3x3, conv 64 3x3, pool, dense 200, dense 200
 *       (the first dense layer sees a 4x4 map).</li>
 *   <li>{@code cytoplasm-net} (61x61, phase + nuclear, 3 classes): the same layers on two channels.</li>
 *   <li>{@code semantic-net} (61x61, phase + nuclear, 4 classes: background, boundary and one interior class per
 *       cell type, e.g. NIH-3T3 and MCF10A in co-culture): the same layers. The preset fixes only the number of
 *       cell types; their names ({@code interior:<type>}) come from the training payload's {@code classes}, else
 *       the placeholders {@code interior:type-1} and {@code interior:type-2}. Normalised the paper's way
 *       ({@code median-local-mean}) unless a job says otherwise: a co-culture's 1st-99th percentile spread depends
 *       on its mix of cell types (MCF10A nuclei are twice as bright as NIH-3T3's), the median (the background) does
 *       not, so nets trained on separate cultures see a co-culture as they saw those (docs/accuracy.md). Half the
 *       training patches are context-mixed ({@link #SEMANTIC_CONTEXT_MIXING}) unless a job says otherwise.</li>
 * </ul>
 * Each has a {@code -fast} variant for labs that train on CPUs only: the same receptive field and pooling
 * structure with fewer filters (16-32) and one dense layer of 64-128 units, about 5 to 10 times fewer operations per
 * patch, at some cost in accuracy.
 */
public final class NetPresets {

    private static final List<String> NUCLEAR = List.of("nuclear");
    private static final List<String> PHASE_NUCLEAR = List.of("phase", "nuclear");
    private static final List<String> THREE_CLASSES = List.of("background", "boundary", "interior");
    /** Placeholders: a lab names its own cell types with the training payload's {@code classes}. */
    private static final List<String> FOUR_CLASSES = List.of("background", "boundary", "interior:type-1",
            "interior:type-2");

    private static final List<LayerSpec> PAPER_61 = List.of(conv(64, 3), conv(64, 4), pool(), conv(64, 3),
            conv(64, 3), pool(), conv(64, 3), conv(64, 3), pool(), dense(200), dense(200));
    private static final List<LayerSpec> FAST_61 = List.of(conv(16, 3), conv(16, 4), pool(), conv(24, 3),
            conv(24, 3), pool(), conv(32, 3), conv(32, 3), pool(), dense(64));

    /**
     * The semantic presets' default fraction of context-mixed training patches ({@code augmentation.contextMixing}):
     * trained on separate cultures, a net otherwise types a cell by its neighbours' culture; on mosaics of NIH-3T3 and
     * MCF10A one semantic-net-fast member typed 89.0% of the cells right with it, 80.4% without (docs/benchmarks.md,
     * session 14).
     */
    public static final double SEMANTIC_CONTEXT_MIXING = 0.5;

    private static final List<NetPreset> ALL = List.of(
            new NetPreset(new NetSpec("bacteria-net", 31, List.of(conv(32, 4), pool(), conv(32, 3), conv(32, 3),
                    pool(), dense(128))), NUCLEAR, THREE_CLASSES,
                    "Bacteria (e.g. E. coli phase contrast), 31x31 receptive field, one channel; trained densely"
                    + " (batches of 1,024 patch-equivalents) unless a job says otherwise.", NetPreset.DENSE, 1024),
            new NetPreset(new NetSpec("bacteria-net-fast", 31, List.of(conv(16, 4), pool(), conv(32, 3), pool(),
                    dense(64))), NUCLEAR, THREE_CLASSES,
                    "CPU-friendly bacteria-net: conv 16 4x4, pool, conv 32 3x3, pool, dense 64."),
            new NetPreset(new NetSpec("nuclear-net", 61, PAPER_61), NUCLEAR, THREE_CLASSES,
                    "Mammalian nuclei from a nuclear marker (e.g. Hoechst), the paper's 61x61 net."),
            new NetPreset(new NetSpec("nuclear-net-fast", 61, FAST_61), NUCLEAR, THREE_CLASSES,
                    "CPU-friendly nuclear-net: the same 61x61 structure with 16-32 filters and one dense 64."),
            new NetPreset(new NetSpec("cytoplasm-net", 61, PAPER_61), PHASE_NUCLEAR, THREE_CLASSES,
                    "Mammalian cytoplasm from phase contrast plus a nuclear marker, the paper's 61x61 net."),
            new NetPreset(new NetSpec("cytoplasm-net-fast", 61, FAST_61), PHASE_NUCLEAR, THREE_CLASSES,
                    "CPU-friendly cytoplasm-net (fast 61x61 layers, two channels)."),
            new NetPreset(new NetSpec("semantic-net", 61, PAPER_61), PHASE_NUCLEAR, FOUR_CLASSES,
                    "Cell-type-aware segmentation of co-cultures: one interior class per cell type.",
                    NetPreset.PATCH, NetPreset.PATCH_BATCH, Normalization.MEDIAN_LOCAL_MEAN, SEMANTIC_CONTEXT_MIXING),
            new NetPreset(new NetSpec("semantic-net-fast", 61, FAST_61), PHASE_NUCLEAR, FOUR_CLASSES,
                    "CPU-friendly semantic-net (fast 61x61 layers, two channels, four classes).",
                    NetPreset.PATCH, NetPreset.PATCH_BATCH, Normalization.MEDIAN_LOCAL_MEAN,
                    SEMANTIC_CONTEXT_MIXING));

    private static final Map<String, NetPreset> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(NetPreset::name, Function.identity()));

    private NetPresets() {
    }

    /** Every preset, in documentation order. */
    public static List<NetPreset> all() {
        return ALL;
    }

    /** The preset with this name, if any. */
    public static Optional<NetPreset> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    private static Conv conv(int filters, int kernel) {
        return new Conv(filters, kernel, true);
    }

    private static MaxPool pool() {
        return new MaxPool();
    }

    private static Dense dense(int units) {
        return new Dense(units, true);
    }
}
