package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.service.SegmentationService.ModelChoice;
import org.labscale.ui.views.LoginView;

/**
 * What the pages that start a job with a model version share (segment, track): the version picker, the
 * post-processing prefilled with the chosen version's recommendation, "Submit" and "Cancel" with the error line beside
 * them, sending the job and opening its page, and the API's refusal of the model or the post-processing put next to
 * it. Element ids start with the page's prefix ({@code <prefix>-model}, {@code -submit}, {@code -cancel},
 * {@code -error}). Each page adds its own sections and places the refusals of its own fields.
 */
public final class ModelJobForm {

    final Select<ModelChoice> model = new Select<>();
    final PostProcessingForm postProcessing = new PostProcessingForm();
    final Span error = new Span();
    private final String idPrefix;

    public ModelJobForm(String idPrefix) {
        this.idPrefix = idPrefix;
        model.setId(idPrefix + "-model");
        model.setLabel("Model version");
        model.setItemLabelGenerator(ModelChoice::label);
        model.setWidth("28rem");
        model.setEmptySelectionAllowed(false);
        error.setId(idPrefix + "-error");
        errorStyle(error);
    }

    /** The version picker offering {@code choices}, with {@code helper} below it (a hint to train first if none). */
    public Select<ModelChoice> modelPicker(List<ModelChoice> choices, String helper) {
        model.setItems(choices);
        model.setHelperText(choices.isEmpty() ? "This lab has no trained model yet: train one first." : helper);
        return model;
    }

    public Select<ModelChoice> model() {
        return model;
    }

    public PostProcessingForm postProcessing() {
        return postProcessing;
    }

    /** Prefills the post-processing with what {@code choice} recommends, else the platform's defaults, saying which. */
    public void recommend(ModelChoice choice) {
        recommend(choice, null, null);
    }

    /**
     * As {@link #recommend(ModelChoice)}, except that a recommendation using {@code notOffered} (a method this page
     * cannot run) gives the platform's defaults, saying {@code why}.
     */
    public void recommend(ModelChoice choice, PostProcessingMethod notOffered, String why) {
        ModelCard c = choice.version().card();
        PostProcessing recommended = c == null ? null : c.recommendedPostProcessing();
        if (recommended != null && notOffered != null && recommended.method() == notOffered) {
            postProcessing.setValue(PostProcessing.defaults(), "The platform's defaults: " + choice.label()
                    + " recommends " + why);
        } else if (recommended != null) {
            postProcessing.setValue(recommended, "Prefilled with what " + choice.label() + " recommends (chosen on"
                    + " its held-out validation images).");
        } else {
            postProcessing.setValue(PostProcessing.defaults(), "The platform's defaults: " + choice.label()
                    + " recommends no post-processing.");
        }
    }

    /** The chosen version, or null after marking the picker with "Pick a model version." */
    public ModelChoice chosenOrAsk() {
        if (model.getValue() == null) {
            model.setInvalid(true);
            model.setErrorMessage("Pick a model version.");
        }
        return model.getValue();
    }

    /** "{@code submitLabel}" running {@code submit}, "Cancel" back to the lab's jobs, and the error line. */
    public HorizontalLayout buttons(String submitLabel, Runnable submit, Component page, UUID labId) {
        Button send = new Button(submitLabel, e -> submit.run());
        send.setId(idPrefix + "-submit");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> page.getUI().ifPresent(ui -> ui.navigate("labs/" + labId + "/jobs")));
        cancel.setId(idPrefix + "-cancel");
        HorizontalLayout row = new HorizontalLayout(send, cancel, error);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    /**
     * Sends the job and opens {@code labs/<lab>/jobs/<job>/<resultPage>}; a signed-out session goes to the sign-in
     * page, the API's refusal to {@code refused}, any other failure to the error line.
     */
    public void send(Component page, UUID labId, Supplier<JobDto> job, String resultPage,
                     Consumer<ApiErrorException> refused) {
        try {
            JobDto sent = job.get();
            page.getUI().ifPresent(ui -> ui.navigate("labs/" + labId + "/jobs/" + sent.id() + "/" + resultPage));
        } catch (NotSignedInException e) {
            page.getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
        } catch (ApiErrorException e) {
            refused.accept(e);
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
    }

    /**
     * Puts a refusal of the model version or the post-processing ({@code field}, the API's {@code details.field})
     * next to it; answers false, placing nothing, for other fields.
     */
    public boolean showError(String field, String message) {
        if (field.startsWith("payload.modelId") || field.startsWith("payload.modelVersion")) {
            model.setInvalid(true);
            model.setErrorMessage(message);
        } else if (field.startsWith("payload.postProcessing")) {
            postProcessing.showError(message);
        } else {
            return false;
        }
        return true;
    }

    /** Beside the buttons: a refusal that names no field of the page. */
    public void showGeneralError(String message) {
        error.setText(message);
    }

    public void clearErrors() {
        model.setInvalid(false);
        postProcessing.showError(null);
        error.setText("");
    }

    /** A titled section of the form. */
    public static VerticalLayout section(String title, Component... content) {
        H4 heading = new H4(title);
        heading.getStyle().set("margin", "var(--lumo-space-m) 0 0");
        VerticalLayout box = new VerticalLayout(heading);
        box.add(content);
        box.setPadding(false);
        box.setSpacing(false);
        box.setWidthFull();
        return box;
    }

    /** An error line's look. */
    public static void errorStyle(Span span) {
        span.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("display", "block");
    }
}
