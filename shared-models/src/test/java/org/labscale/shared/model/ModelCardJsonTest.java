package org.labscale.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code card.json} across versions: a card written before {@code recommendedPostProcessing} existed still reads
 * (without a recommendation), and a card with one keeps it through a round trip.
 */
class ModelCardJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anOlderCardWithoutARecommendationStillReads() throws Exception {
        String old = "{\"task\":\"semantic-segmentation\",\"classes\":[\"background\",\"boundary\",\"interior\"],"
                + "\"channels\":[\"nuclear\"],\"receptiveField\":61,\"normalization\":{\"method\":"
                + "\"median-local-mean\",\"window\":61},\"ensembleSize\":2,\"validationMetrics\":"
                + "{\"meanPerCellJaccard\":0.84},\"authors\":[\"alice\"],\"licence\":\"CC-BY-4.0\"}";
        ModelCard card = json.readValue(old, ModelCard.class);
        assertEquals(List.of("nuclear"), card.channels());
        assertEquals(0.84, card.validationMetrics().get("meanPerCellJaccard"));
        assertNull(card.recommendedPostProcessing());
    }

    @Test
    void aRecommendationSurvivesARoundTrip() throws Exception {
        PostProcessing chosen = new PostProcessing(PostProcessingMethod.WATERSHED, 0.6, null, null, null, null, null,
                null, null, null, null, null, 3).withDefaults();
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, List.of("background", "boundary", "interior"),
                List.of("nuclear"), 61, Map.of("method", "median-local-mean"), null, 5, List.of(),
                Map.of("meanPerCellJaccard", 0.85, "defaultPostProcessingJaccard", 0.84), List.of(), List.of(),
                null, null, Map.of(), chosen);
        String text = json.writeValueAsString(card);
        ModelCard back = json.readValue(text, ModelCard.class);
        assertEquals(chosen, back.recommendedPostProcessing());
        assertEquals(card, back);
        assertEquals("WATERSHED", json.readTree(text).path("recommendedPostProcessing").path("method").asText());
        assertNull(back.pixelSizeUm());
    }

    @Test
    void aPixelSizeSurvivesARoundTrip() throws Exception {
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, List.of("background", "boundary", "interior"),
                List.of("phase"), 31, Map.of("method", "robust-local-mean"), null, 1, List.of(), Map.of(), List.of(),
                List.of(), null, null, Map.of(), null, null, 0.065);
        String text = json.writeValueAsString(card);
        assertEquals(0.065, json.readTree(text).path("pixelSizeUm").asDouble());
        assertEquals(card, json.readValue(text, ModelCard.class));
    }
}
