package org.labscale.segmentation.inference;

/**
 * How an ensemble runs.
 *
 * @param intraOpThreads ONNX Runtime intra-op threads on CPU (1 or more; typically the cores of the worker)
 * @param tileSize       side of the square output tiles in pixels (16 or more); each tile is computed with a halo of
 *                       half the receptive field, so larger tiles waste less work but need more native memory
 * @param preferCuda     use ONNX Runtime's CUDA execution provider when the runtime and a GPU offer it
 * @param cudaDevice     the GPU to use
 * @param batchTiles     tiles of equal size per run (1 or more): batching amortises per-run overhead on GPUs
 * @param fuseMembers    run the ensemble as one fused graph ({@link EnsembleGraphFusion}) instead of one session per
 *                       member
 */
public record InferenceSettings(int intraOpThreads, int tileSize, boolean preferCuda, int cudaDevice,
                                int batchTiles, boolean fuseMembers) {

    /**
     * 512 px tiles on the CPU with every available core, the members as one fused graph: the fastest combination
     * measured on the CPU (docs/benchmarks.md, "Segmentation (issue 6)").
     */
    public static InferenceSettings cpu() {
        return new InferenceSettings(Runtime.getRuntime().availableProcessors(), 512, false, 0, 1, true);
    }

    public InferenceSettings {
        if (intraOpThreads < 1 || tileSize < 16 || cudaDevice < 0 || batchTiles < 1) {
            throw new IllegalArgumentException("need intraOpThreads >= 1, tileSize >= 16, cudaDevice >= 0 and"
                    + " batchTiles >= 1, got " + intraOpThreads + ", " + tileSize + ", " + cudaDevice + ", "
                    + batchTiles);
        }
    }

    public InferenceSettings withTileSize(int size) {
        return new InferenceSettings(intraOpThreads, size, preferCuda, cudaDevice, batchTiles, fuseMembers);
    }

    public InferenceSettings withCuda(boolean cuda) {
        return new InferenceSettings(intraOpThreads, tileSize, cuda, cudaDevice, batchTiles, fuseMembers);
    }

    public InferenceSettings withBatchTiles(int tiles) {
        return new InferenceSettings(intraOpThreads, tileSize, preferCuda, cudaDevice, tiles, fuseMembers);
    }

    public InferenceSettings withFusedMembers(boolean fuse) {
        return new InferenceSettings(intraOpThreads, tileSize, preferCuda, cudaDevice, batchTiles, fuse);
    }
}
