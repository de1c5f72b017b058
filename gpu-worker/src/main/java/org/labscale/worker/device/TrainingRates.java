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
 * Training rates this node measured on finished training jobs (patches per second, by
 * {@link WorkerCapabilities#rateKey}), reported at registration so that the API estimates a job's duration from what
 * this hardware really does. Kept in {@code <cache dir>/training-rates-<device>.properties} across restarts. A new
 * measurement is averaged with the kept one (half each), so one busy run does not swing the estimate; runs shorter
 * than {@link #MIN_SECONDS} are too noisy and ignored.
 */
@ApplicationScoped
public class TrainingRates {

    /** Shorter trainings are not measured. */
    public static final double MIN_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(TrainingRates.class);

    private final Map<String, Double> rates = new TreeMap<>();
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
                    double rate = Double.parseDouble(p.getProperty(key));
                    if (rate > 0 && Double.isFinite(rate)) {
                        rates.put(key, rate);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                LOG.warnf("Ignoring the training rates in %s: %s", file, e.getMessage());
            }
        }
    }

    /**
     * Records a finished training's rate.
     *
     * @param key     {@link WorkerCapabilities#rateKey}
     * @param patches patches trained (nominal: patchesPerEpoch x epochs x members)
     * @param seconds how long training took, validation included
     */
    public synchronized void record(String key, double patches, double seconds) {
        if (seconds < MIN_SECONDS || patches <= 0) {
            return;
        }
        double rate = patches / seconds;
        Double kept = rates.get(key);
        rates.put(key, kept == null ? rate : (kept + rate) / 2);
        version++;
        save();
    }

    /** The rates now. */
    public synchronized Map<String, Double> snapshot() {
        return Map.copyOf(rates);
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
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "training-rates", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Labscale worker: training patches per second by preset/sampling");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("Could not keep the training rates in %s: %s", file, e.getMessage());
        }
    }
}
