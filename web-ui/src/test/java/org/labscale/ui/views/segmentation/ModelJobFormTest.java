package org.labscale.ui.views.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.ui.service.SegmentationService.ModelChoice;

/** The shared job form's prefill: the model's recommendation, unless the page cannot run its method. */
class ModelJobFormTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ModelChoice recommending(String method) throws Exception {
        ModelDto model = JSON.readValue("{\"id\":\"6f1c1a54-7d0e-4a39-9d27-3f0f8f9e2b10\",\"name\":\"hela cyto\"}",
                ModelDto.class);
        ModelVersionDto version = JSON.readValue("{\"version\":2,\"card\":{\"recommendedPostProcessing\":"
                + "{\"method\":\"" + method + "\",\"threshold\":0.6}}}", ModelVersionDto.class);
        return new ModelChoice(model, version);
    }

    @Test
    void shouldPrefillTheRecommendationWhereThePageRunsItsMethod() throws Exception {
        ModelJobForm form = new ModelJobForm("segment");
        form.recommend(recommending("ACTIVE_CONTOURS"));
        assertEquals(PostProcessingMethod.ACTIVE_CONTOURS, form.postProcessing().getValue().method());
        assertEquals(0.6, form.postProcessing().getValue().threshold());
    }

    @Test
    void shouldFallBackToTheDefaultsAndSayWhyWhereThePageCannotRunTheMethod() throws Exception {
        ModelJobForm form = new ModelJobForm("track");
        form.recommend(recommending("ACTIVE_CONTOURS"), PostProcessingMethod.ACTIVE_CONTOURS,
                "active contours, which tracking does not offer.");
        assertEquals(PostProcessingMethod.THRESHOLD, form.postProcessing().getValue().method());
        assertTrue(form.postProcessing().source.getText().contains("recommends active contours"),
                form.postProcessing().source.getText());
        form.recommend(recommending("WATERSHED"), PostProcessingMethod.ACTIVE_CONTOURS, "unused");
        assertEquals(PostProcessingMethod.WATERSHED, form.postProcessing().getValue().method(),
                "other recommendations are prefilled as they are");
    }
}
