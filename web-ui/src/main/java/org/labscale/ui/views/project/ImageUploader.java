package org.labscale.ui.views.project;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.labscale.shared.image.PageMode;

/**
 * Several image files at once, by drag and drop or the file picker, with a progress bar per file (the upload
 * component's own) and a count over all files. Each file is received into a temporary file on the UI server (never
 * whole in memory), handed to whoever listens ({@link FileReceived}, which sends it to the API) and deleted; each
 * file's outcome is listed with the API's sentence for a refused one, while the other files go on. Outcomes reach
 * the page as they are listed, by server push ({@link org.labscale.ui.config.AppShell}).
 *
 * <p>Channel names, pixel size and how multi-page TIFF pages are read apply to the files added after they are set.
 */
public class ImageUploader extends VerticalLayout {

    /** What the user said about the files they add. */
    public record Options(List<String> channelNames, Double pixelSizeUm, PageMode pageMode) {
    }

    /**
     * A file has arrived; listeners upload it and call {@link #succeeded} or {@link #failed}. The file is deleted when
     * the listeners return.
     */
    public static class FileReceived extends ComponentEvent<ImageUploader> {
        private final String fileName;
        private final File file;
        private final Options options;

        FileReceived(ImageUploader source, String fileName, File file, Options options) {
            super(source, false);
            this.fileName = fileName;
            this.file = file;
            this.options = options;
        }

        public String fileName() {
            return fileName;
        }

        public File file() {
            return file;
        }

        public Options options() {
            return options;
        }
    }

    final TextField channelNames = new TextField("Channel names");
    final NumberField pixelSize = new NumberField("Pixel size (µm)");
    final Select<PageMode> pageMode = new Select<>();
    final Upload upload = new Upload();
    final Span summary = new Span();
    final Div results = new Div();
    private int received;
    private int refused;

    public ImageUploader() {
        setPadding(false);
        setId("image-uploader");
        // Files dropped straight after typing must see the values: commit on every key, not on blur.
        channelNames.setValueChangeMode(ValueChangeMode.EAGER);
        pixelSize.setValueChangeMode(ValueChangeMode.EAGER);
        channelNames.setId("upload-channels");
        channelNames.setPlaceholder("e.g. phase, nuclear");
        channelNames.setHelperText("Comma-separated, in page/sample order");
        pixelSize.setId("upload-pixel-size");
        pixelSize.setMin(0);
        pixelSize.setStep(0.001);
        pixelSize.setHelperText("From the microscope's metadata");
        pageMode.setId("upload-page-mode");
        pageMode.setLabel("Multi-page TIFF pages are");
        pageMode.setItems(PageMode.values());
        pageMode.setItemLabelGenerator(m -> m == PageMode.CHANNELS ? "Channels" : "Time frames");
        pageMode.setValue(PageMode.CHANNELS);
        HorizontalLayout fields = new HorizontalLayout(channelNames, pixelSize, pageMode);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);

        upload.setId("image-upload");
        upload.setDropAllowed(true);
        upload.setMaxFiles(1000);
        upload.setUploadHandler(UploadHandler.toTempFile((metadata, file) -> receive(metadata.fileName(), file)));
        summary.setId("upload-summary");
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)");
        results.setId("upload-results");
        results.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        add(fields, upload, summary, results);
    }

    /** Runs on the upload's request: hands the file on, then deletes it whatever happened. */
    private void receive(String fileName, File file) throws IOException {
        try {
            fireEvent(new FileReceived(this, fileName, file, options()));
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }

    Options options() {
        List<String> names = Arrays.stream(channelNames.getValue() == null ? new String[0]
                        : channelNames.getValue().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new Options(names, pixelSize.getValue(), pageMode.getValue());
    }

    /** Lists {@code fileName} as stored, with what the API read from it; call with the session locked. */
    public void succeeded(String fileName, String what) {
        report(fileName, what, false);
    }

    /** Lists {@code fileName} as refused, with the API's sentence; call with the session locked. */
    public void failed(String fileName, String message) {
        refused++;
        report(fileName, message, true);
    }

    private void report(String fileName, String text, boolean failed) {
        received++;
        Div row = new Div();
        row.addClassName("upload-result");
        row.addClassName(failed ? "failed" : "stored");
        row.getElement().setAttribute("data-file", fileName);
        Span name = new Span(fileName);
        name.getStyle().set("font-weight", "600");
        Span message = new Span((failed ? " \u2014 refused: " : " \u2014 ") + text);
        message.addClassName("message");
        message.getStyle().set("color", failed ? "var(--lumo-error-text-color)" : "var(--lumo-success-text-color)");
        row.add(name, message);
        results.add(row);
        summary.setText(received + " file(s) received, " + refused + " refused");
    }

    public Registration addFileReceivedListener(ComponentEventListener<FileReceived> listener) {
        return addListener(FileReceived.class, listener);
    }
}
