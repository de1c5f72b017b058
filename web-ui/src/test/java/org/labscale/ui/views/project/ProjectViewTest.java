package org.labscale.ui.views.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;

/** The gallery's paging and the project page's URL page number, without a server. */
class ProjectViewTest {

    private static ImageDto image(String name) {
        return new ImageDto(UUID.randomUUID(), UUID.randomUUID(), name, "TIFF", 1280, 1080, 2, 1, 16, "UINT16",
                "Deflate", PageMode.CHANNELS, List.of("phase", "nuclear"), 0.65, "ab", 1000, Instant.EPOCH,
                Instant.EPOCH, 0);
    }

    @Test
    void shouldReadThePageNumberOfTheUrl() {
        assertEquals(0, ProjectView.pageIndex("1"));
        assertEquals(2, ProjectView.pageIndex(" 3 "));
        assertEquals(0, ProjectView.pageIndex("0"));
        assertEquals(0, ProjectView.pageIndex("two"));
    }

    @Test
    void shouldShowOnePageWithItsRangeAndPaging() {
        ImageGallery gallery = new ImageGallery();
        gallery.show(UUID.randomUUID(), new PageDto<>(List.of(image("set3.tif"), image("set4.tif")), 1, 2, 5), "");

        assertEquals("Images 3\u20134 of 5", gallery.range.getText());
        assertTrue(gallery.previous.isEnabled());
        assertTrue(gallery.next.isEnabled());
        assertEquals(2, gallery.cards.getChildren().count());
        assertFalse(gallery.empty.isVisible());

        gallery.show(UUID.randomUUID(), new PageDto<>(List.of(image("set5.tif")), 2, 2, 5), "");
        assertEquals("Images 5\u20135 of 5", gallery.range.getText());
        assertFalse(gallery.next.isEnabled(), "no page after the last");
    }

    @Test
    void shouldSayWhatToDoInAnEmptyProject() {
        ImageGallery gallery = new ImageGallery();
        gallery.show(UUID.randomUUID(), new PageDto<>(List.of(), 0, 24, 0), "No images yet.");
        assertTrue(gallery.empty.isVisible());
        assertEquals("No images yet.", gallery.empty.getText());
        assertFalse(gallery.previous.isEnabled());
        assertFalse(gallery.next.isEnabled());
    }

    @Test
    void shouldKeepTheGalleryQueryInTheUrlWithoutTheDefaults() {
        GalleryQuery q = new GalleryQuery("-name", " dapi ", false);
        QueryParameters p = q.parameters(3);
        assertEquals(Map.of("sort", List.of("-name"), "name", List.of("dapi"), "annotated", List.of("false"), "page",
                List.of("3")), p.getParameters());
        assertEquals(q, GalleryQuery.of(p));
        assertEquals(Map.of(), GalleryQuery.ALL.parameters(1).getParameters());
        assertEquals(GalleryQuery.ALL, GalleryQuery.of(QueryParameters.simple(Map.of("sort", "size",
                "annotated", "maybe"))), "unknown values fall back to the defaults");
    }

    @Test
    void shouldShowAndReadTheGalleryQueryInItsControls() {
        ImageGallery gallery = new ImageGallery();
        assertEquals(GalleryQuery.ALL, gallery.query());
        GalleryQuery q = new GalleryQuery("name", "cell", true);
        gallery.setQuery(q);
        assertEquals("Name A\u2013Z", GalleryQuery.label(gallery.sort.getValue()));
        assertEquals("cell", gallery.name.getValue());
        assertEquals(ImageGallery.ANNOTATED, gallery.annotated.getValue());
        assertEquals(q, gallery.query());
    }
}
