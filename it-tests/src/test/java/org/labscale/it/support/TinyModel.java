package org.labscale.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.it.support.Lab.Person;

/**
 * The browser journeys' tiny nuclear model, trained through the API as a lab would: a "Training discs" project of
 * three 128 x 128 {@link SyntheticNuclei} images (channel "nuclear") with instance masks, frozen as training set
 * "discs" version 1, and a TRAINING job of the fast bacteria net (2 epochs, batch 64, a third held out) followed to
 * its end.
 *
 * @param imageSeed       the first training image's seed (the others follow it)
 * @param patchesPerEpoch patches per epoch
 * @param ensembleSize    ensemble members
 * @param seed            the training seed
 */
public record TinyModel(int imageSeed, int patchesPerEpoch, int ensembleSize, long seed) {

    static final int SIDE = 128;

    /** Trains the model named {@code modelName} in {@code lab}; fails the test unless the job SUCCEEDED. */
    public Jobs.Ended train(Person owner, UUID lab, String modelName) throws InterruptedException {
        return train(owner, lab, modelName, Map.of());
    }

    /** As {@link #train(Person, UUID, String)} with more TRAINING payload fields (licence, description...). */
    public Jobs.Ended train(Person owner, UUID lab, String modelName, Map<String, Object> more)
            throws InterruptedException {
        UUID project = Lab.createProject(owner, lab, "Training discs");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 14, imageSeed + i);
            String image = Lab.uploadImage(owner, project, "train-" + i + ".png", discs.png(), "image/png",
                    Map.of("channelNames", "nuclear"));
            items.add(Map.entry(image, Lab.annotateInstances(owner, image, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(owner, lab, "discs", items);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", modelName);
        payload.put("preset", "bacteria-net-fast");
        payload.put("patchesPerEpoch", patchesPerEpoch);
        payload.put("epochs", 2);
        payload.put("batchSize", 64);
        payload.put("ensembleSize", ensembleSize);
        payload.put("validationFraction", 0.34);
        payload.put("seed", seed);
        payload.putAll(more);
        Jobs.Ended trained = Jobs.await(owner, Jobs.submit(owner, lab, "TRAINING", payload,
                "train-" + UUID.randomUUID()), Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", trained.state(), trained.job().prettify());
        return trained;
    }
}
