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
 * A TRACKING job's outputs for the browser, read from the API with the session's token (which stays on the server),
 * {@code GET /ui-series/labs/<lab>/jobs/<job>/...}:
 * <ul>
 *   <li>{@code track-map/maskTTT.png}: frame TTT's CTC mask ({@code ctc/maskTTT.tif}, values = track ids)
 *       re-encoded for the viewer ({@link LabelMapPng}), so a track keeps its id, and its colour, in every frame;</li>
 *   <li>{@code track-map/maskTTT/tiles/<level>/<x>/<y>.png}: a tile of it, as the API serves it (images too large
 *       to draw the whole mask, see {@code labscale.ui.viewer.overlay-max-pixels});</li>
 *   <li>{@code figures/<name>.png}: a figure, shown in the page;</li>
 *   <li>{@code figures/<name>.svg|csv}, {@code tracks.csv}, {@code growth.csv}, {@code merges.csv},
 *       {@code ktr.csv}, {@code report.json}, {@code ctc/res_track.txt}, {@code outputs.zip}: downloads.</li>
 * </ul>
 * Nothing else is passed. The API's status goes back as it is, so another lab's job answers like a missing one.
 */
@WebServlet(urlPatterns = "/ui-series/*", asyncSupported = false)
public class SeriesOutputServlet extends HttpServlet {

    private static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * Groups: lab, job, then a track map's frame name, or a figure PNG's name, or a download's output name, or a track
     * map tile's frame name and its {@code level/x/y.png}.
     */
    static final Pattern ALLOWED = Pattern.compile("labs/(" + ID + ")/jobs/(" + ID + ")/(?:"
            + "track-map/(mask\\d{3,4})\\.png"
            + "|(figures/[a-z0-9-]{1,64}\\.png)"
            + "|(figures/[a-z0-9-]{1,64}\\.(?:svg|csv)|tracks\\.csv|growth\\.csv|merges\\.csv|ktr\\.csv"
            + "|report\\.json|ctc/res_track\\.txt|outputs\\.zip)"
            + "|track-map/(mask\\d{3,4})/tiles/(\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png))");

    @Inject
    SegmentationClient api;

    @Inject
    LabscaleApiClient client;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = ALLOWED.matcher(ProxyRequests.path(request));
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
        if (m.group(6) != null) {
            try {
                ProxyRequests.passAsIs(client.stream(signedIn.token(), "labs/" + lab + "/jobs/" + job + "/track-tiles/"
                        + m.group(6) + "/" + m.group(7)), response);
            } catch (ApiException e) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, e.getMessage());
            }
            return;
        }
        String name = m.group(3) != null ? "ctc/" + m.group(3) + ".tif" : m.group(4) != null ? m.group(4)
                : m.group(5);
        LabscaleApiClient.Passthrough answer;
        try {
            answer = "outputs.zip".equals(name) ? api.outputsZip(signedIn.token(), lab, job)
                    : api.outputFile(signedIn.token(), lab, job, name);
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
            } else if (m.group(3) != null) {
                response.setContentType("image/png");
                response.setHeader("Cache-Control", "private, max-age=3600");
                LabelMapPng.encode(body, response.getOutputStream());
            } else if (m.group(4) != null) {
                response.setContentType("image/png");
                response.setHeader("Cache-Control", "private, max-age=3600");
                body.transferTo(response.getOutputStream());
            } else {
                // SVG and the tables are downloads, never rendered inline from this origin
                response.setContentType("application/octet-stream");
                response.setHeader("Content-Disposition", "attachment; filename=\"tracking-"
                        + job.toString().substring(0, 8) + "-" + name.replace('/', '-') + "\"");
                body.transferTo(response.getOutputStream());
            }
        }
    }
}
