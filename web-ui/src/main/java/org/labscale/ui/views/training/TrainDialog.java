package org.labscale.ui.views.training;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.net.NetPreset;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.trainingset.TrainingChannels;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.LoginView;
import org.labscale.ui.views.project.Formats;

/**
 * "Train a model" from a training-set version: the task in plain words picks the preset (fast or the paper's net),
 * the key settings each explained in a sentence; an empty setting takes the API's default (the CPU set when no GPU
 * worker serves the lab). Submits a TRAINING job and opens its page, which shows the API's cost estimate and the
 * live curves; the API's refusal appears next to the setting it names. Cancelling submits nothing.
 */
public class TrainDialog extends Dialog {

    /** What the model is for, in the words of the bench, and the family of presets it trains. */
    public enum Task {
        NUCLEI("Nuclei, from a nuclear stain (e.g. Hoechst, DAPI)", "nuclear-net"),
        CYTOPLASM("Whole cells (cytoplasm), from phase contrast plus a nuclear stain", "cytoplasm-net"),
        BACTERIA("Bacteria (e.g. E. coli in phase contrast)", "bacteria-net"),
        CELL_TYPES("Cell types in a co-culture (one interior class per type)", "semantic-net");

        final String words;
        final String family;

        Task(String words, String family) {
            this.words = words;
            this.family = family;
        }

        /** The preset: the CPU-friendly variant or the paper's net. */
        public String preset(boolean fast) {
            return fast ? family + "-fast" : family;
        }
    }

    static final String FAST = "Fast net: trains in minutes on a CPU";
    static final String FULL = "The paper's full net: best on a GPU worker";

    private final TrainingService training;
    private final UUID labId;
    private final TrainingSetVersionDto version;

    final Select<Task> task = new Select<>();
    final RadioButtonGroup<String> size = new RadioButtonGroup<>();
    final Paragraph presetText = new Paragraph();
    final TextField modelName = new TextField("Model name");
    final IntegerField patches = new IntegerField("Patches per epoch");
    final IntegerField epochs = new IntegerField("Epochs");
    final IntegerField members = new IntegerField("Ensemble size");
    final MultiSelectComboBox<UUID> validation = new MultiSelectComboBox<>("Validation images");
    final Select<String> sampling = new Select<>();
    final NumberField pixelSize = new NumberField("Pixel size to train at (\u00b5m per pixel)");
    final Div error = new Div();

    public TrainDialog(TrainingService training, UUID labId, TrainingSetDto set, TrainingSetVersionDto version) {
        this(training, labId, set, version, Map.of());
    }

    /**
     * @param imageNames names of the version's images for the validation picker (ids where absent)
     */
    public TrainDialog(TrainingService training, UUID labId, TrainingSetDto set, TrainingSetVersionDto version,
                       Map<UUID, String> imageNames) {
        this.training = training;
        this.labId = labId;
        this.version = version;
        setId("train-dialog");
        setHeaderTitle("Train a model on " + set.name() + " v" + version.version());
        setWidth("min(48rem, 96vw)");

        task.setId("train-task");
        task.setLabel("What should the model find?");
        task.setItems(Task.values());
        task.setItemLabelGenerator(t -> t.words);
        task.setWidthFull();
        size.setId("train-size");
        size.setItems(FAST, FULL);
        size.setValue(FAST);
        presetText.setId("train-preset");
        presetText.getStyle().set("font-size", "var(--lumo-font-size-s)").set("margin", "0");
        task.addValueChangeListener(e -> describePreset());
        size.addValueChangeListener(e -> describePreset());

        modelName.setId("train-model-name");
        modelName.setValue(set.name());
        modelName.setHelperText("Versions of the same name are numbered 1, 2, ... under one model.");
        patches.setId("train-patches");
        patches.setHelperText("How many small image patches (one per training pixel) each member sees per epoch;"
                + " empty: 10,000 when no GPU worker serves the lab, else 100,000.");
        epochs.setId("train-epochs");
        epochs.setHelperText("How many times each member goes through that many patches; empty: 4 on CPU, else 10.");
        members.setId("train-members");
        members.setHelperText("Independently trained nets whose predictions are averaged, which smooths out the"
                + " mistakes of any one; empty: 3 on CPU, else 5.");
        for (IntegerField f : List.of(patches, epochs, members)) {
            f.setPlaceholder("API default");
            f.setStepButtonsVisible(false);
        }
        validation.setId("train-validation");
        validation.setItems(version.items().stream().map(TrainingItemDto::imageId).distinct().toList());
        validation.setItemLabelGenerator(id -> imageNames.getOrDefault(id, id.toString()));
        validation.setHelperText("Images held out whole to measure the model and choose its post-processing; empty:"
                + " 10 % of the images, drawn by the seed (one image alone is held out by its pixels).");
        validation.setPlaceholder("chosen by the seed");
        sampling.setId("train-sampling");
        sampling.setLabel("Sampling");
        sampling.setItems("", TrainingPayload.SAMPLING_PATCH, TrainingPayload.SAMPLING_DENSE);
        sampling.setItemLabelGenerator(s -> s.isEmpty() ? "The preset's own" : s.equals(TrainingPayload.SAMPLING_PATCH)
                ? "Patch by patch (the paper's way)" : "Dense: the dilated net over crops (faster)");
        sampling.setValue("");
        sampling.setHelperText("How training patches are drawn: one by one, or whole crops at once.");
        pixelSize.setId("train-pixel-size");
        pixelSize.setPlaceholder("API default");
        pixelSize.setMin(0);
        pixelSize.setHelperText(pixelSizeHelp(version.items()));
        error.setId("train-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");

        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2));
        form.add(task, 2);
        form.add(size, 2);
        form.add(presetText, 2);
        form.add(modelName, 2);
        form.add(patches, epochs, members, sampling);
        form.add(pixelSize, 2);
        form.add(validation, 2);
        add(form, error);
        task.setValue(Task.NUCLEI);

        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("train-cancel");
        Button submit = new Button("Start training", e -> submit());
        submit.setId("train-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, submit);
    }

    /** The preset the task and size pick. */
    String preset() {
        return task.getValue() == null ? null : task.getValue().preset(FAST.equals(size.getValue()));
    }

    private void describePreset() {
        NetPreset p = NetPresets.find(preset()).orElse(null);
        if (p == null) {
            presetText.setText("");
            return;
        }
        String text = p.name() + ": " + p.description() + " Reads the channel role(s) " + p.channels()
                + " and predicts " + p.classes() + ".";
        List<String> missing = missingRoles(p.channels(), version.items());
        if (!missing.isEmpty()) {
            text += " Some images of this version have no channel with the role(s) " + missing
                    + ": freeze a version that names them, or pick another task.";
        }
        presetText.setText(text);
        presetText.getStyle().set("color", missing.isEmpty() ? "var(--lumo-secondary-text-color)"
                : "var(--lumo-error-text-color)");
    }

    /**
     * The pixel size field's one sentence, with the pixel sizes this version froze (the ones the training resamples
     * from): e.g. "... empty: the finest of the images' (here 0.065 to 0.13 µm per pixel)".
     */
    static String pixelSizeHelp(List<TrainingItemDto> items) {
        java.util.DoubleSummaryStatistics sizes = items.stream().map(TrainingItemDto::pixelSizeUm)
                .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        long without = items.stream().filter(i -> i.pixelSizeUm() == null).count();
        String here = sizes.getCount() == 0 ? "this version's images have none, so leave it empty"
                : without > 0 ? without + " of this version's " + items.size() + " images have none, so leave it"
                + " empty" : sizes.getMin() == sizes.getMax() ? "here " + Formats.micrometres(sizes.getMin())
                + " \u00b5m per pixel" : "here " + Formats.micrometres(sizes.getMin()) + " to "
                + Formats.micrometres(sizes.getMax()) + " \u00b5m per pixel";
        return "Every image is resampled to this size and the model then segments each image at it, so it works"
                + " across magnifications; empty: the finest of the images' pixel sizes (" + here + ").";
    }

    /** The roles the net reads that some item has no channel for (the API's own rule, {@link TrainingChannels}). */
    static List<String> missingRoles(List<String> netRoles, List<TrainingItemDto> items) {
        List<String> out = new ArrayList<>();
        for (TrainingItemDto item : items) {
            for (String role : TrainingChannels.missing(netRoles, item.channelRoles())) {
                if (!out.contains(role)) {
                    out.add(role);
                }
            }
        }
        return out;
    }

    /** The job's payload; empty settings are left to the API. */
    TrainingPayload payload() {
        String name = modelName.getValue() == null || modelName.getValue().isBlank() ? null : modelName.getValue()
                .strip();
        String how = sampling.getValue() == null || sampling.getValue().isEmpty() ? null : sampling.getValue();
        List<UUID> held = validation.getValue().isEmpty() ? null : List.copyOf(validation.getValue());
        return new TrainingPayload(List.of(new TrainingSetRef(version.trainingSetId(), version.version())), name,
                preset(), null, null, null, null, null, null, patches.getValue(), epochs.getValue(), null, null, null,
                null, members.getValue(), null, null, null, how, held, pixelSize.getValue());
    }

    private void submit() {
        clearErrors();
        try {
            JobDto job = training.train(labId, payload());
            getUI().ifPresent(ui -> ui.navigate("labs/" + labId + "/jobs/" + job.id())); // while still attached
            close();
        } catch (NotSignedInException e) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
            close();
        } catch (ApiErrorException e) {
            showError(e);
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
    }

    /**
     * The API's sentence next to the setting it is about: the one {@code details.field} names, else, for each of
     * {@code details.problems}, the setting the sentence begins with; the rest under the form.
     */
    void showError(ApiErrorException e) {
        Map<String, HasValidation> byField = new LinkedHashMap<>();
        byField.put("patchesPerEpoch", patches);
        byField.put("epochs", epochs);
        byField.put("ensembleSize", members);
        byField.put("modelName", modelName);
        byField.put("validationImageIds", validation);
        byField.put("sampling", sampling);
        byField.put("pixelSizeUm", pixelSize);
        String field = String.valueOf(e.details().getOrDefault("field", "")).replaceFirst("^payload\\.", "");
        if (byField.containsKey(field)) {
            show(byField.get(field), e.getMessage());
            return;
        }
        List<String> rest = new ArrayList<>();
        Object problems = e.details().get("problems");
        for (Object problem : problems instanceof List<?> list ? list : List.of(e.getMessage())) {
            String sentence = String.valueOf(problem);
            byField.entrySet().stream().filter(f -> sentence.startsWith(f.getKey() + " ")).findFirst()
                    .ifPresentOrElse(f -> show(f.getValue(), sentence), () -> rest.add(sentence));
        }
        error.setText(String.join(" ", rest));
    }

    private static void show(HasValidation field, String sentence) {
        field.setErrorMessage(sentence);
        field.setInvalid(true);
    }

    private void clearErrors() {
        for (HasValidation f : List.<HasValidation>of(patches, epochs, members, modelName, validation, sampling)) {
            f.setInvalid(false);
        }
        error.setText("");
    }
}
