package org.labscale.worker.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.worker.config.WorkerConfig;

/**
 * What training costs on this node, measured on finished training jobs and reported at registration so that the API
 * estimates a job's duration from what this hardware really does: per {@link WorkerCapabilities#rateKey}, the rate of
 * the optimisation steps (patches per second) and the fixed seconds of a job that do not grow with its patches
 * (inputs, engine, validation, export, post-processing selection). A job then takes {@code fixed + patches / rate}.
 * Kept in {@code <cache dir>/training-rates-<device>.properties} across restarts ({@code key=rate},
 * {@code key.fixedSeconds=seconds}; a rate kept without its fixed part was measured over whole jobs by an older
 * version and is dropped). A new measurement counts {@link #NEWEST_WEIGHT} against the kept value's rest (an exponential
 * average): the newest job says most about what the node does now (its load, its warmth), and the older ones damp a
 * single odd run. Jobs shorter than {@link #MIN_SECONDS} are too noisy and ignored.
 */
@ApplicationScoped
public class TrainingRates {

    /** Shorter trainings are not measured. */
    public static final double MIN_SECONDS = 10;

    /**
     * The newest measurement's weight in the kept value ({@code kept = w x newest + (1 - w) x kept}): the job before
     * the newest counts 19 %, the one before that 5 %. Half each (the weight before) lagged a node whose load changed
     * over a few jobs by most of the change.
     */
    public static final double NEWEST_WEIGHT = 0.75;

    private static final Logger LOG = Logger.getLogger(TrainingRates.class);

    private static final String FIXED = ".fixedSeconds";

    private final Map<String, Double> rates = new TreeMap<>();
    private final Map<String, Double> fixed = new TreeMap<>();
    private Path file;
    private volatile int version;

    @Inject
    public TrainingRates(WorkerConfig config, ComputeDevices devices) {
        this(config.worker().cacheDir().resolve("training-rates-" + (devices.trainingOnCuda() ? "CUDA" : "CPU")
                + ".properties"));
    }

    /** @param file where the rates are kept; null keeps them in memory only */
    public TrainingRates(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                for (String key : p.stringPropertyNames()) {
                    String seconds = p.getProperty(key + FIXED);
                    if (key.endsWith(FIXED) || seconds == null) {
                        continue;
                    }
                    double rate = Double.parseDouble(p.getProperty(key));
                    double fixedSeconds = Double.parseDouble(seconds);
                    if (rate > 0 && Double.isFinite(rate) && fixedSeconds >= 0 && Double.isFinite(fixedSeconds)) {
                        rates.put(key, rate);
                        fixed.put(key, fixedSeconds);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                LOG.warnf("Ignoring the training rates in %s: %s", file, e.getMessage());
            }
        }
    }

    /**
     * Records a finished training job.
     *
     * @param key          {@link WorkerCapabilities#rateKey}
     * @param patches      patches trained (the epochs' real sizes x epochs x members run, retrained ones included)
     * @param loopSeconds  how long the optimisation steps took ({@code PatchLoopTimer})
     * @param totalSeconds how long the whole job took on the worker, inputs and outputs included
     */
    public synchronized void record(String key, double patches, double loopSeconds, double totalSeconds) {
        if (totalSeconds < MIN_SECONDS || patches <= 0 || !(loopSeconds > 0) || loopSeconds > totalSeconds) {
            return;
        }
        average(rates, key, patches / loopSeconds);
        average(fixed, key, totalSeconds - loopSeconds);
        version++;
        save();
    }

    private static void average(Map<String, Double> kept, String key, double value) {
        Double old = kept.get(key);
        kept.put(key, old == null ? value : NEWEST_WEIGHT * value + (1 - NEWEST_WEIGHT) * old);
    }

    /** The rates and fixed parts now. */
    public synchronized Measured snapshot() {
        return new Measured(Map.copyOf(rates), Map.copyOf(fixed));
    }

    /**
     * @param patchesPerSecond the optimisation steps' rate by key
     * @param fixedSeconds     a job's fixed seconds by key (the same keys)
     */
    public record Measured(Map<String, Double> patchesPerSecond, Map<String, Double> fixedSeconds) {
    }

    /** Changes with every recorded rate (registration reports the rates again when it moved). */
    public int version() {
        return version;
    }

    private void save() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        rates.forEach((k, v) -> p.setProperty(k, Double.toString(v)));
        fixed.forEach((k, v) -> p.setProperty(k + FIXED, Double.toString(v)));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "training-rates", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Labscale worker: training patches per second and fixed seconds by preset/sampling");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("Could not keep the training rates in %s: %s", file, e.getMessage());
        }
    }
}
