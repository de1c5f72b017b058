package org.labscale.ui.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.SegmentationClient;
import org.labscale.ui.session.SignedInUser;

/**
 * A segmentation job's outputs for the browser, read from the API with the session's token (which stays on the
 * server), {@code GET /ui-outputs/labs/<lab>/jobs/<job>/...}:
 * <ul>
 *   <li>{@code outputs.zip}: every output, as a download;</li>
 *   <li>{@code files/<image>/<file>}: one image's {@code labels.tif}, {@code labels.png}, {@code cells.csv},
 *       {@code overlay.png} or {@code probabilities.tif}, as a download;</li>
 *   <li>{@code label-map/<image>.png}: the image's label mask re-encoded for the viewer ({@link LabelMapPng});</li>
 *   <li>{@code label-map/<image>/tiles/<level>/<x>/<y>.png}: a tile of it, as the API serves it (images too large
 *       for the whole mask in the browser).</li>
 * </ul>
 * Nothing else is passed. The API's status goes back as it is, so another lab's job answers like a missing one.
 */
@WebServlet(urlPatterns = "/ui-outputs/*", asyncSupported = false)
public class JobOutputServlet extends HttpServlet {

    private static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * The paths this servlet answers; groups: lab, job, then the zip, or image and file, or the label map's image, or
     * the label tile's image and its level/x/y.
     */
    static final Pattern ALLOWED = Pattern.compile("labs/(" + ID + ")/jobs/(" + ID + ")/(?:(outputs\\.zip)"
            + "|files/(" + ID + ")/(labels\\.tif|labels\\.png|cells\\.csv|overlay\\.png|probabilities\\.tif)"
            + "|label-map/(" + ID + ")\\.png"
            + "|label-map/(" + ID + ")/tiles/(\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png))");

    @Inject
    SegmentationClient api;

    @Inject
    LabscaleApiClient client;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = ProxyRequests.path(request);
        Matcher m = ALLOWED.matcher(path);
        if (!m.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        SignedInUser signedIn = ProxyRequests.signedInOr401(request, response, clock.instant());
        if (signedIn == null) {
            return;
        }
        UUID lab = UUID.fromString(m.group(1));
        UUID job = UUID.fromString(m.group(2));
        LabscaleApiClient.Passthrough answer;
        String download;
        try {
            if (m.group(3) != null) {
                answer = api.outputsZip(signedIn.token(), lab, job);
                download = "segmentation-" + job.toString().substring(0, 8) + ".zip";
            } else if (m.group(4) != null) {
                answer = api.outputFile(signedIn.token(), lab, job, m.group(4) + "/" + m.group(5));
                download = m.group(4).substring(0, 8) + "-" + m.group(5);
            } else if (m.group(6) != null) {
                answer = api.outputFile(signedIn.token(), lab, job, m.group(6) + "/labels.png");
                download = null;
            } else {
                ProxyRequests.passAsIs(client.stream(signedIn.token(), "labs/" + lab + "/jobs/" + job + "/label-tiles/"
                        + m.group(7) + "/" + m.group(8)), response);
                return;
            }
        } catch (ApiException e) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, e.getMessage());
            return;
        }
        try (InputStream body = answer.body()) {
            response.setStatus(answer.status());
            if (answer.status() != 200) {
                if (answer.contentType() != null) {
                    response.setContentType(answer.contentType());
                }
                body.transferTo(response.getOutputStream());
            } else if (download != null) {
                response.setContentType(answer.contentType() == null ? "application/octet-stream"
                        : answer.contentType());
                response.setHeader("Content-Disposition", "attachment; filename=\"" + download + "\"");
                body.transferTo(response.getOutputStream());
            } else {
                response.setContentType("image/png");
                response.setHeader("Cache-Control", "private, max-age=3600");
                LabelMapPng.encode(body, response.getOutputStream());
            }
        }
    }
}
