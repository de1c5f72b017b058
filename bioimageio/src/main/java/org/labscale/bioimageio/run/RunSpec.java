package org.labscale.bioimageio.run;

import java.util.List;
import java.util.Map;

/**
 * How Labscale runs an imported bioimage.io model, decided once at import ({@code imports.PackageImporter}) and
 * kept with the model version: the tensors' axis orders, the tile the graph accepts, the processing steps.
 *
 * @param inputAxes      input axis ids in tensor order, among {@code batch}, {@code channel}, {@code y}, {@code x}
 * @param channels       input channel names (one, unnamed, when the input has no channel axis)
 * @param minSize        the smallest valid y/x size (the fixed size, when {@code step} is 0)
 * @param step           valid sizes are {@code minSize + n * step}; 0 for a fixed size
 * @param halo           pixels at each tile edge the output does not trust (the output axes' halo)
 * @param preprocessing  the input's steps (ids and kwargs as in rdf.yaml), in order
 * @param outputAxes     output axis ids in tensor order
 * @param classes        output channel names: one foreground, or background, boundary, interior
 * @param postprocessing the output's steps, in order
 */
public record RunSpec(List<String> inputAxes, List<String> channels, int minSize, int step, int halo,
                      List<Map<String, Object>> preprocessing, List<String> outputAxes, List<String> classes,
                      List<Map<String, Object>> postprocessing) {

    /** The class name of a one-channel (sigmoid) output. */
    public static final String FOREGROUND = "foreground";

    public RunSpec {
        inputAxes = List.copyOf(inputAxes);
        channels = List.copyOf(channels);
        preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
        outputAxes = List.copyOf(outputAxes);
        classes = List.copyOf(classes);
        postprocessing = postprocessing == null ? List.of() : List.copyOf(postprocessing);
    }

    /** Whether the output is one foreground probability (else three classes). */
    public boolean foregroundOnly() {
        return classes.size() == 1;
    }
}
