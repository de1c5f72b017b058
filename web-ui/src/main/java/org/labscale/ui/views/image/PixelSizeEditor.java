package org.labscale.ui.views.image;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.shared.Registration;

/**
 * Sets an image's pixel size after upload (what the training resamples from and the segmentation resamples by): a
 * number and "Save"; saving an emptied field forgets a size the image had (unknown again). It only fires
 * {@link SaveWanted}; the page saves it and reports with {@link #saved} or {@link #refused} (the API's sentence next
 * to the field).
 */
public class PixelSizeEditor extends VerticalLayout {

    /** The user asked to save {@link #pixelSizeUm()}; null: forget the image's pixel size. */
    public static class SaveWanted extends ComponentEvent<PixelSizeEditor> {
        private final Double pixelSizeUm;

        SaveWanted(PixelSizeEditor source, Double pixelSizeUm) {
            super(source, true);
            this.pixelSizeUm = pixelSizeUm;
        }

        public Double pixelSizeUm() {
            return pixelSizeUm;
        }
    }

    final NumberField value = new NumberField("Pixel size (\u00b5m per pixel)");
    final Button save = new Button("Save");
    final Span message = new Span();
    private boolean hasSize;

    /** @param current the image's pixel size, or null */
    public PixelSizeEditor(Double current) {
        setPadding(false);
        setSpacing(false);
        value.setId("image-pixel-size");
        value.setValue(current);
        hasSize = current != null;
        value.setPlaceholder("unknown");
        value.setHelperText("Training resamples images to one pixel size and a model segments each image at its"
                + " own; training-set versions frozen before keep the size they froze. Empty the field and save to"
                + " make it unknown again.");
        save.setId("image-pixel-size-save");
        save.addClickListener(e -> {
            if (value.getValue() == null && !hasSize) {
                refused("Type the pixel size in micrometres per pixel, e.g. 0.65.");
            } else {
                fireEvent(new SaveWanted(this, value.getValue()));
            }
        });
        message.setId("image-pixel-size-message");
        message.getStyle().set("font-size", "var(--lumo-font-size-s)");
        HorizontalLayout row = new HorizontalLayout(value, save);
        row.setAlignItems(Alignment.BASELINE);
        add(row, message);
    }

    /** Saved: clears any refusal and says so. */
    public void saved(String text) {
        hasSize = value.getValue() != null;
        value.setInvalid(false);
        message.setText(text);
        message.getStyle().set("color", "var(--lumo-success-text-color)");
    }

    /** Refused: the API's sentence next to the field. */
    public void refused(String sentence) {
        value.setErrorMessage(sentence);
        value.setInvalid(true);
        message.setText("");
    }

    public Registration addSaveWantedListener(ComponentEventListener<SaveWanted> listener) {
        return addListener(SaveWanted.class, listener);
    }
}
