package org.labscale.ui.views.project;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.labscale.shared.image.ImageDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.Read;

/**
 * Sends the files an {@link ImageUploader} receives to the API, each on a sender thread
 * ({@link LabscaleService#startSend}) rather than on the upload's request, which holds the browser session: the page
 * stays free for the other files' progress while one travels, and each outcome is listed (and pushed to the page) as
 * soon as the API has answered it. The gallery is refreshed when the last file sent has its outcome, and at most every
 * {@value #REFRESH_EVERY_MS} ms before that.
 */
final class ImageSender {

    static final long REFRESH_EVERY_MS = 3000;

    private final LabscaleService service;
    private final ImageUploader uploader;
    private final Runnable refreshGallery;
    private int sending;
    private long lastRefresh;

    ImageSender(LabscaleService service, ImageUploader uploader, Runnable refreshGallery) {
        this.service = service;
        this.uploader = uploader;
        this.refreshGallery = refreshGallery;
    }

    /**
     * Takes one received file (with the session locked, as the upload's callback runs): moves it aside, since the
     * uploader deletes what it handed on, and starts sending it into {@code projectId}.
     */
    void send(UUID projectId, ImageUploader.FileReceived received, UI ui) {
        String fileName = received.fileName();
        Path file;
        try {
            file = Files.move(received.file().toPath(), Files.createTempFile("labscale-send-", ".upload"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            uploader.failed(fileName, "The UI server could not keep the file for sending (" + e.getMessage() + ").");
            return;
        }
        ImageUploader.Options options = received.options();
        Read<ImageDto> sent;
        try {
            sent = service.startSend(s -> s.uploadImage(projectId, file, fileName, options.channelNames(),
                    options.pixelSizeUm(), options.pageMode()));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            uploader.failed(fileName, message(e));
            return;
        }
        sending++;
        sent.whenDone(() -> {
            deleteQuietly(file);
            try {
                ui.access(() -> report(fileName, sent));
            } catch (UIDetachedException gone) {
                // the page was left: the image is stored (or refused) all the same
            }
        });
    }

    private void report(String fileName, Read<ImageDto> sent) {
        sending--;
        try {
            ImageDto image = sent.get();
            uploader.succeeded(fileName, image.width() + " \u00d7 " + image.height() + ", " + image.channels()
                    + " channel(s), " + image.bitsPerSample() + "-bit");
        } catch (RuntimeException e) {
            uploader.failed(fileName, message(e));
        }
        long now = System.currentTimeMillis();
        if (sending == 0 || now - lastRefresh >= REFRESH_EVERY_MS) {
            lastRefresh = now;
            refreshGallery.run();
        }
    }

    /** The API's sentence; for anything else (the UI server's own failure) a sentence that says so. */
    static String message(RuntimeException e) {
        if (e instanceof ApiException) {
            return e.getMessage();
        }
        return "The UI server could not send the file to the API (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the system's clean-up takes it
        }
    }
}
