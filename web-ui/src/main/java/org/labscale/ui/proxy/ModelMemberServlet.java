package org.labscale.ui.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.session.SignedInUser;

/**
 * Downloads a model member's ONNX file through the UI: {@code GET /ui-download/labs/<lab>/models/<model>/versions/<n>
 * /members/<i>}; likewise a version's bioimage.io package ({@code .../versions/<n>/bioimageio}) and a training-set
 * version's package ({@code /ui-download/training-sets/<set>/versions/<n>/package}), both zips the API builds. The API answers with a redirect to a presigned storage URL, which {@link LabscaleApiClient#download}
 * follows on the server, so the browser sees neither the session's token nor the storage. Only that path and only
 * GET; another lab's model answers the API's 404; without a signed-in session: 401.
 */
@WebServlet(urlPatterns = "/ui-download/*", asyncSupported = false)
public class ModelMemberServlet extends HttpServlet {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** The API paths that may be downloaded: groups 1 the version number, 2 the member index. */
    static final Pattern ALLOWED = Pattern.compile("labs/" + UUID + "/models/" + UUID
            + "/versions/(\\d{1,6})/members/(\\d{1,3})");

    /** The package zips that may be downloaded: group 1 the kind, 2 the version number. */
    static final Pattern PACKAGES = Pattern.compile("(?:labs/" + UUID + "/models/" + UUID + "|(training-sets)/" + UUID
            + ")/versions/(\\d{1,6})/(?:bioimageio|package)");

    @Inject
    LabscaleApiClient api;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = ProxyRequests.path(request);
        Matcher m = ALLOWED.matcher(path);
        Matcher p = PACKAGES.matcher(path);
        String fileName;
        if (m.matches()) {
            fileName = "model-v" + m.group(1) + "-member-" + m.group(2) + ".onnx";
        } else if (p.matches() && (p.group(1) != null) == path.endsWith("/package")) {
            fileName = (p.group(1) != null ? "training-set-v" + p.group(2) + ".zip"
                    : "model-v" + p.group(2) + ".bioimageio.zip");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        SignedInUser signedIn = ProxyRequests.signedInOr401(request, response, clock.instant());
        if (signedIn == null) {
            return;
        }
        LabscaleApiClient.Passthrough answer;
        try {
            answer = api.download(signedIn.token(), path);
        } catch (ApiException e) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, e.getMessage());
            return;
        }
        response.setStatus(answer.status());
        if (answer.status() == HttpServletResponse.SC_OK) {
            response.setContentType(fileName.endsWith(".zip") ? "application/zip" : "application/octet-stream");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            response.setHeader("Cache-Control", "private, no-store");
        } else if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        try (InputStream body = answer.body()) {
            body.transferTo(response.getOutputStream());
        }
    }
}
