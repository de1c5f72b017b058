package org.labscale.ui.views.image;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.labscale.shared.annotation.AnnotationKind;

/**
 * Adds a mask to an image: what its values mean (instance mask, binary mask, class map), a name (a known name gets
 * a new version), and the file, received into a temporary file and handed on ({@link MaskReceived}); the outcome is
 * shown with the API's sentence.
 */
public class AnnotationUploader extends VerticalLayout {

    /** A mask file arrived; listeners upload it and report with {@link #succeeded} or {@link #failed}. */
    public static class MaskReceived extends ComponentEvent<AnnotationUploader> {
        private final String fileName;
        private final File file;
        private final AnnotationKind kind;
        private final String name;

        MaskReceived(AnnotationUploader source, String fileName, File file, AnnotationKind kind, String name) {
            super(source, false);
            this.fileName = fileName;
            this.file = file;
            this.kind = kind;
            this.name = name;
        }

        public String fileName() {
            return fileName;
        }

        public File file() {
            return file;
        }

        public AnnotationKind kind() {
            return kind;
        }

        public String name() {
            return name;
        }
    }

    final Select<AnnotationKind> kind = new Select<>();
    final TextField name = new TextField("Name");
    final Upload upload = new Upload();
    final Span result = new Span();

    public AnnotationUploader() {
        setPadding(false);
        setId("mask-uploader");
        kind.setId("mask-kind");
        kind.setLabel("The mask's values are");
        kind.setItems(AnnotationKind.values());
        kind.setItemLabelGenerator(k -> switch (k) {
            case INSTANCE_MASK -> "One label per cell (instance mask)";
            case BINARY_MASK -> "Cells vs background (binary mask)";
            case CLASS_MAP -> "Classes: 0 background, 1 boundary, 2 interior";
        });
        kind.setValue(AnnotationKind.INSTANCE_MASK);
        kind.setWidthFull();
        name.setId("mask-name");
        name.setValue("default");
        name.setHelperText("The same name adds a new version");
        upload.setId("mask-upload");
        upload.setMaxFiles(1);
        upload.setUploadHandler(UploadHandler.toTempFile((metadata, file) -> receive(metadata.fileName(), file)));
        upload.getElement().addEventListener("upload-success", e -> { });
        result.setId("mask-result");
        add(new H4("Add a mask"), kind, name, upload, result);
    }

    private void receive(String fileName, File file) throws IOException {
        try {
            fireEvent(new MaskReceived(this, fileName, file, kind.getValue(), name.getValue()));
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }

    public void succeeded(String text) {
        show(text, false);
    }

    public void failed(String message) {
        show(message, true);
    }

    private void show(String text, boolean failed) {
        Runnable set = () -> {
            result.setText(text);
            result.getStyle().set("color", failed ? "var(--lumo-error-text-color)" : "var(--lumo-success-text-color)");
            result.getElement().setAttribute("data-outcome", failed ? "refused" : "stored");
            upload.clearFileList();
        };
        UI ui = getUI().orElse(null);
        if (ui == null) {
            set.run();
        } else {
            ui.access(set::run);
        }
    }

    public Registration addMaskReceivedListener(ComponentEventListener<MaskReceived> listener) {
        return addListener(MaskReceived.class, listener);
    }
}
