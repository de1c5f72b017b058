package org.labscale.ui.views.tracking;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import org.labscale.shared.job.TrackerOptions;

/**
 * How cells are linked from frame to frame ({@link TrackerOptions}): a preset that fits the cells, and the values it
 * sets, each explained in one sentence. Choosing a preset fills in its values; the user may then change them.
 */
public class TrackerForm extends FormLayout {

    final Select<String> preset = new Select<>();
    final NumberField maxDistance = new NumberField("Farthest move between frames (px)");
    final IntegerField gapFrames = new IntegerField("Frames a cell may be missed");
    final Checkbox divisions = new Checkbox("Find divisions");
    final IntegerField mergedDaughters = new IntegerField("Frames daughters may stay one object");

    public TrackerForm() {
        setId("tracker-form");
        preset.setId("tracker-preset");
        preset.setLabel("Cells");
        preset.setItems(TrackerOptions.PRESETS);
        preset.setItemLabelGenerator(p -> "bacteria".equals(p) ? "Bacteria in dense micro-colonies"
                : "Fluorescent nuclei (20-40 px across)");
        preset.setHelperText("Sets the values below to what fits these cells.");
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                setValue(new TrackerOptions(e.getValue(), null, null, null, null).withDefaults());
            }
        });
        maxDistance.setId("tracker-max-distance");
        maxDistance.setMin(1);
        maxDistance.setMax(TrackerOptions.MAX_DISTANCE);
        maxDistance.setHelperText("A cell further from its position in the previous frame starts a new track;"
                + " also the farthest a daughter may be from its mother.");
        gapFrames.setId("tracker-gap-frames");
        gapFrames.setMin(0);
        gapFrames.setMax(TrackerOptions.MAX_GAP_FRAMES);
        gapFrames.setStepButtonsVisible(true);
        gapFrames.setHelperText("A track whose cell is not found in this many frames (out of focus, missed by the"
                + " segmentation) is joined again when it reappears; 0 joins no gaps.");
        divisions.setId("tracker-divisions");
        divisions.setHelperText("A cell splitting into two daughters links both to their mother, so lineages"
                + " are drawn; off for cells that do not divide during the series.");
        mergedDaughters.setId("tracker-merged-daughters");
        mergedDaughters.setMin(0);
        mergedDaughters.setMax(TrackerOptions.MAX_MERGED_DAUGHTER_FRAMES);
        mergedDaughters.setStepButtonsVisible(true);
        mergedDaughters.setHelperText("Touching daughters are often segmented as one cell for a few frames after a"
                + " division; up to this many frames before the division such a cell is cut in two along its"
                + " narrowest neck. 0 cuts none.");
        add(preset, maxDistance, gapFrames, divisions, mergedDaughters);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32rem", 2));
        preset.setValue("nuclei");
    }

    /** Shows {@code options} (their preset's values where absent). */
    public void setValue(TrackerOptions options) {
        TrackerOptions o = options.withDefaults();
        if (!o.preset().equals(preset.getValue())) {
            preset.setValue(o.preset());
        }
        maxDistance.setValue(o.maxDistance());
        gapFrames.setValue(o.gapFrames());
        divisions.setValue(o.divisions());
        mergedDaughters.setValue(o.mergedDaughterFrames());
    }

    /** The options as entered (an empty field left to the API's default). */
    public TrackerOptions getValue() {
        return new TrackerOptions(preset.getValue(), maxDistance.getValue(), gapFrames.getValue(),
                divisions.getValue(), mergedDaughters.getValue());
    }

    /** Shows the API's sentence about the tracker settings (null: none). */
    public void showError(String message) {
        maxDistance.setInvalid(message != null);
        maxDistance.setErrorMessage(message);
    }
}
