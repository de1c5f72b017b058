package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * One kind of package to import by upload: an optional name, the zip, received into a temporary file and handed on
 * ({@link PackageReceived}); the outcome is shown as a link to what was made, or the API's sentence.
 */
public class PackageUploader extends VerticalLayout {

    /** A package arrived; listeners import it and report with {@link #imported} or {@link #failed}. */
    public static class PackageReceived extends ComponentEvent<PackageUploader> {
        private final String fileName;
        private final File file;
        private final String name;

        PackageReceived(PackageUploader source, String fileName, File file, String name) {
            super(source, false);
            this.fileName = fileName;
            this.file = file;
            this.name = name;
        }

        public String fileName() {
            return fileName;
        }

        public File file() {
            return file;
        }

        /** The name asked for; blank: the package's own. */
        public String name() {
            return name;
        }
    }

    final TextField name = new TextField("Name (optional)");
    final Upload upload = new Upload();
    final Span result = new Span();

    /** @param id the prefix of the element ids, e.g. "bioimageio" gives "bioimageio-upload" */
    public PackageUploader(String id, String title, String explanation) {
        setPadding(false);
        setId(id + "-import");
        name.setId(id + "-name");
        name.setHelperText("Left empty: the package's own name");
        name.setWidth("24rem");
        upload.setId(id + "-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes("application/zip", ".zip");
        upload.setUploadHandler(UploadHandler.toTempFile((metadata, file) -> receive(metadata.fileName(), file)));
        result.setId(id + "-result");
        Paragraph about = new Paragraph(explanation);
        about.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        add(new H3(title), about, name, upload, result);
    }

    private void receive(String fileName, File file) throws IOException {
        try {
            fireEvent(new PackageReceived(this, fileName, file, name.getValue()));
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }

    /** Shows a link to what the import made. */
    public void imported(String text, String path) {
        show(() -> {
            result.removeAll();
            result.setText("");
            Anchor made = new Anchor(path, text);
            made.addClassName("import-made");
            result.add(made);
        }, false);
    }

    public void failed(String message) {
        show(() -> {
            result.removeAll();
            result.setText(message);
        }, true);
    }

    private void show(Runnable content, boolean failed) {
        Runnable set = () -> {
            content.run();
            result.getStyle().set("color", failed ? "var(--lumo-error-text-color)" : "var(--lumo-success-text-color)");
            result.getElement().setAttribute("data-outcome", failed ? "refused" : "imported");
            upload.clearFileList();
        };
        UI ui = getUI().orElse(null);
        if (ui == null) {
            set.run();
        } else {
            ui.access(set::run);
        }
    }

    public Registration addPackageReceivedListener(ComponentEventListener<PackageReceived> listener) {
        return addListener(PackageReceived.class, listener);
    }
}
