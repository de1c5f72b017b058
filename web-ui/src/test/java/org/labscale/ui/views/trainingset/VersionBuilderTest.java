package org.labscale.ui.views.trainingset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.image.ImageDto;

class VersionBuilderTest {

    @Test
    void prefillsEachChannelsRoleFromTheImagesNamesButNotFromPlaceholders() {
        ImageDto unnamed = image(2, List.of("channel-0", "channel-1"));
        ImageDto named = image(2, List.of("Phase", "nuclear"));
        assertEquals(List.of("phase", "nuclear"), VersionBuilder.prefill(List.of(unnamed, named)));
        assertEquals(Arrays.asList((String) null), VersionBuilder.prefill(List.of(image(1, null))));
        assertEquals(List.of(), VersionBuilder.prefill(List.of()));
    }

    @Test
    void labelsAnAnnotationWithItsVersionKindAndCells() {
        UUID id = UUID.randomUUID();
        AnnotationVersionDto v2 = new AnnotationVersionDto(UUID.randomUUID(), id, 2, AnnotationKind.INSTANCE_MASK, "s",
                10, List.of(), 172, null, null, null);
        assertEquals("cells v2 \u00b7 instance mask \u00b7 172 cells", VersionBuilder.annotationLabel(
                new AnnotationDto(id, UUID.randomUUID(), "cells", AnnotationKind.INSTANCE_MASK, 2, v2, null, null)));
    }

    @Test
    void listsChannelRolesInChannelOrder() {
        assertEquals("0 phase \u00b7 1 nuclear \u00b7 10 membrane", TrainingSetVersionView.roles(
                Map.of("10", "membrane", "1", "nuclear", "0", "phase")));
        assertEquals("", TrainingSetVersionView.roles(null));
    }

    private static ImageDto image(int channels, List<String> names) {
        return new ImageDto(UUID.randomUUID(), UUID.randomUUID(), "a.tif", "TIFF", 10, 10, channels, 1, 8, "UINT8",
                null, null, names, null, "h", 1, null, null, 1);
    }
}
