package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.Set;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * How the ensemble's probability maps become cells ({@link PostProcessing}), every field with one sentence saying
 * what it does; only the fields of the chosen method are shown. Prefilled with a model's recommendation
 * ({@link #setValue}); {@link #getValue} answers what the form holds, empty fields left to the API's defaults.
 */
public class PostProcessingForm extends FormLayout {

    final Select<PostProcessingMethod> method = new Select<>();
    final NumberField threshold = number("Interior threshold", "postprocessing-threshold",
            "A pixel belongs to a cell when the ensemble's interior probability is above this (0 to 1; higher gives"
                    + " smaller, better separated cells).");
    final IntegerField adaptiveWindow = integer("Local window (px)", "postprocessing-adaptive-window",
            "Side of the square around each pixel whose mean probability it is compared with (odd, 3 to 1001).");
    final NumberField adaptiveOffset = number("Local offset", "postprocessing-adaptive-offset",
            "A pixel is foreground when its probability exceeds the local mean by more than this (-1 to 1).");
    final NumberField minProbability = number("Probability floor", "postprocessing-min-probability",
            "Pixels below this interior probability are never foreground, however dark their surroundings.");
    final NumberField seedThreshold = number("Seed threshold", "postprocessing-seed-threshold",
            "Only cores above this probability seed the watershed, so touching cells are split between seeds.");
    final IntegerField iterations = integer("Iterations", "postprocessing-iterations",
            "How many steps each cytoplasm contour grows from its nucleus (1 to 1000).");
    final IntegerField smoothing = integer("Smoothing", "postprocessing-smoothing",
            "Curvature smoothing steps per iteration: more gives rounder cytoplasm outlines (0 to 4).");
    final NumberField lambda = number("Outside weight (\u03bb)", "postprocessing-lambda",
            "Weight of the background region in the active contours: above 1 keeps contours tighter (0.01 to 100).");
    final Checkbox fillHoles = new Checkbox("Fill holes");
    final IntegerField minArea = integer("Smallest cell (px)", "postprocessing-min-area",
            "Cells with fewer pixels are dropped as fragments or debris.");
    final IntegerField maxArea = integer("Largest cell (px)", "postprocessing-max-area",
            "Cells with more pixels are dropped (clumps, artefacts); leave empty for no limit.");
    final IntegerField regrowth = integer("Regrowth (px)", "postprocessing-regrowth",
            "Steps each cell grows back into its boundary ring, which the interior threshold cuts off (0 to 10).");
    final Span source = new Span();

    public PostProcessingForm() {
        setId("postprocessing");
        method.setId("postprocessing-method");
        method.setLabel("Method");
        method.setItems(PostProcessingMethod.values());
        method.setItemLabelGenerator(PostProcessingForm::methodLabel);
        method.setHelperText("How probabilities become cells: a global threshold suits most nuclei and bacteria,"
                + " watershed splits touching cells.");
        method.addValueChangeListener(e -> showFieldsOf(e.getValue()));
        fillHoles.setId("postprocessing-fill-holes");
        fillHoles.setTooltipText("Holes inside a cell (dim nucleoli, vacuoles) become part of the cell.");
        Span fillHint = new Span("Holes inside a cell (dim nucleoli, vacuoles) become part of the cell.");
        fillHint.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        source.setId("postprocessing-source");
        source.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(source, 2);
        add(method, threshold, seedThreshold, adaptiveWindow, adaptiveOffset, minProbability, iterations, smoothing,
                lambda, minArea, maxArea, regrowth);
        Div fill = new Div(fillHoles, fillHint);
        add(fill);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("32em", 2));
        setValue(PostProcessing.defaults(), "The platform's defaults (the model recommends none).");
    }

    /** Fills the form with {@code p} (every field filled in) and says where the values come from. */
    public void setValue(PostProcessing p, String from) {
        PostProcessing v = p.withDefaults();
        method.setValue(v.method());
        threshold.setValue(v.threshold());
        adaptiveWindow.setValue(v.adaptiveWindow());
        adaptiveOffset.setValue(v.adaptiveOffset());
        minProbability.setValue(v.minProbability());
        seedThreshold.setValue(v.seedThreshold());
        iterations.setValue(v.iterations());
        smoothing.setValue(v.smoothing());
        lambda.setValue(v.lambda());
        fillHoles.setValue(Boolean.TRUE.equals(v.fillHoles()));
        minArea.setValue(v.minArea());
        maxArea.setValue(v.maxArea());
        regrowth.setValue(v.regrowth());
        source.setText(from);
        showFieldsOf(v.method());
    }

    /** What the form holds; fields of other methods are left out (the API fills in their defaults). */
    public PostProcessing getValue() {
        PostProcessingMethod m = method.getValue() == null ? PostProcessingMethod.THRESHOLD : method.getValue();
        boolean adaptive = m == PostProcessingMethod.ADAPTIVE_THRESHOLD;
        boolean contours = m == PostProcessingMethod.ACTIVE_CONTOURS;
        return new PostProcessing(m, threshold.getValue(), adaptive ? adaptiveWindow.getValue() : null,
                adaptive ? adaptiveOffset.getValue() : null, adaptive ? minProbability.getValue() : null,
                m == PostProcessingMethod.WATERSHED ? seedThreshold.getValue() : null,
                contours ? iterations.getValue() : null, contours ? smoothing.getValue() : null,
                contours ? lambda.getValue() : null, fillHoles.getValue(), minArea.getValue(), maxArea.getValue(),
                contours ? null : regrowth.getValue());
    }

    /** Marks the form invalid with the API's sentence (shown under the method). */
    public void showError(String message) {
        method.setInvalid(message != null);
        method.setErrorMessage(message);
    }

    private void showFieldsOf(PostProcessingMethod m) {
        for (Component f : Set.<Component>of(adaptiveWindow, adaptiveOffset, minProbability)) {
            f.setVisible(m == PostProcessingMethod.ADAPTIVE_THRESHOLD);
        }
        for (Component f : Set.<Component>of(iterations, smoothing, lambda)) {
            f.setVisible(m == PostProcessingMethod.ACTIVE_CONTOURS);
        }
        seedThreshold.setVisible(m == PostProcessingMethod.WATERSHED);
        regrowth.setVisible(m != PostProcessingMethod.ACTIVE_CONTOURS);
    }

    static String methodLabel(PostProcessingMethod m) {
        if (m == null) {
            return "";
        }
        return switch (m) {
            case THRESHOLD -> "Threshold";
            case ADAPTIVE_THRESHOLD -> "Adaptive threshold (dim nuclei)";
            case WATERSHED -> "Watershed (touching cells)";
            case ACTIVE_CONTOURS -> "Active contours (cytoplasm from nuclei)";
        };
    }

    private static NumberField number(String label, String id, String help) {
        NumberField f = new NumberField(label);
        f.setId(id);
        f.setHelperText(help);
        f.setStep(0.01);
        return f;
    }

    private static IntegerField integer(String label, String id, String help) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setHelperText(help);
        return f;
    }
}
