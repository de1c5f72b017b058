package org.labscale.ui.views.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PixelSizeEditorTest {

    @Test
    void shouldAskToSaveATypedPixelSizeAndRefuseAnEmptyOneItself() {
        PixelSizeEditor editor = new PixelSizeEditor(null);
        List<Double> asked = new ArrayList<>();
        editor.addSaveWantedListener(e -> asked.add(e.pixelSizeUm()));

        editor.save.click();
        assertTrue(asked.isEmpty(), "nothing to save");
        assertTrue(editor.value.isInvalid());
        assertEquals("Type the pixel size in micrometres per pixel, e.g. 0.65.", editor.value.getErrorMessage());

        editor.value.setValue(0.65);
        editor.save.click();
        assertEquals(List.of(0.65), asked);
        editor.refused("pixelSizeUm must be a positive number of micrometres, not -1.0.");
        assertEquals("pixelSizeUm must be a positive number of micrometres, not -1.0.", editor.value.getErrorMessage());
        editor.saved("Saved: 0.65 \u00b5m/px.");
        assertFalse(editor.value.isInvalid());
        assertEquals("Saved: 0.65 \u00b5m/px.", editor.message.getText());
        assertEquals(0.5, new PixelSizeEditor(0.5).value.getValue(), "shows the image's own");
    }

    @Test
    void shouldAskToForgetASavedPixelSizeWhenTheFieldIsEmptied() {
        PixelSizeEditor editor = new PixelSizeEditor(0.5);
        List<Double> asked = new ArrayList<>();
        editor.addSaveWantedListener(e -> asked.add(e.pixelSizeUm()));

        editor.value.clear();
        editor.save.click();
        assertEquals(java.util.Collections.singletonList(null), asked, "null: unknown again");
        assertFalse(editor.value.isInvalid());
        editor.saved("Cleared.");
        editor.save.click();
        assertEquals(1, asked.size(), "nothing left to forget");
        assertEquals("Type the pixel size in micrometres per pixel, e.g. 0.65.", editor.value.getErrorMessage());
    }
}
