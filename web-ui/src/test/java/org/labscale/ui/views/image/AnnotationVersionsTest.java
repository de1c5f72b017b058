package org.labscale.ui.views.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;

/** The viewer's list of an annotation's versions, without a server. */
class AnnotationVersionsTest {

    private static final UUID ANNOTATION = UUID.randomUUID();

    private static AnnotationVersionDto version(int n, List<Long> classes, int cells) {
        return new AnnotationVersionDto(UUID.randomUUID(), ANNOTATION, n, AnnotationKind.INSTANCE_MASK, "ab", 10,
                classes, cells, UUID.randomUUID(), "ann@lab.example", Instant.EPOCH.plusSeconds(n));
    }

    @Test
    void shouldListTheVersionsNewestFirstAndSelectTheNewest() {
        AnnotationVersions versions = new AnnotationVersions();
        assertFalse(versions.isVisible(), "nothing to list without an annotation");
        AnnotationVersionDto v1 = version(1, List.of(80L, 10L, 10L), 3);
        AnnotationVersionDto v2 = version(2, List.of(70L, 10L, 20L), 5);
        AnnotationDto annotation = new AnnotationDto(ANNOTATION, UUID.randomUUID(), "nuclei",
                AnnotationKind.INSTANCE_MASK, 2, v2, Instant.EPOCH, Instant.EPOCH);

        versions.show(annotation, List.of(v1, v2));

        assertTrue(versions.isVisible());
        assertEquals(List.of(v2, v1), versions.grid.getListDataView().getItems().toList());
        assertEquals(v2, versions.selected(), "the newest is drawn first");
        versions.show(null, List.of());
        assertNull(versions.selected());
        assertFalse(versions.isVisible());
    }

    @Test
    void shouldGiveTheClassMapsBoundaryAndInteriorShares() {
        assertEquals("10.0% / 20.0%", AnnotationVersions.classShares(version(1, List.of(70L, 10L, 20L), 5)));
        assertEquals("10.0% / 30.0%", AnnotationVersions.classShares(version(1, List.of(60L, 10L, 20L, 10L), 0)),
                "every interior class counts as interior");
        assertEquals("", AnnotationVersions.classShares(version(1, List.of(), 0)));
        assertEquals("", AnnotationVersions.classShares(version(1, List.of(0L, 0L, 0L), 0)));
    }
}
