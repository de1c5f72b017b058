package org.labscale.ui.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.session.SignedInUser;

/**
 * Passes the browser's image reads (thumbnails, viewer tiles, histograms, pixel values, annotation class maps and
 * their tiles) to the API with the session's token, which stays on the server:
 * {@code GET /ui-api/<API path under /api/v1/>}.
 *
 * <p>Only those read-only paths are passed, and only GET; anything else is 404. The API's status and body go back
 * as they are, so another lab's image answers exactly like a missing one. Without a signed-in session: 401. The
 * browser's {@code If-None-Match} goes to the API and its {@code ETag} back, so a thumbnail the browser holds costs a
 * 304; caching is {@code private} whatever the API says.
 */
@WebServlet(urlPatterns = "/ui-api/*", asyncSupported = false)
public class ImageProxyServlet extends HttpServlet {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** The API paths the browser may read through this proxy. */
    static final Pattern ALLOWED = Pattern.compile("images/" + UUID
            + "/(thumbnail|preview|histogram|values|tiles/\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png)"
            + "|annotations/" + UUID + "/versions/\\d{1,6}/class-map(?:/tiles/\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png)?");

    @Inject
    LabscaleApiClient api;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = ProxyRequests.path(request);
        if (!ALLOWED.matcher(path).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        SignedInUser signedIn = ProxyRequests.signedInOr401(request, response, clock.instant());
        if (signedIn == null) {
            return;
        }
        String query = request.getQueryString();
        LabscaleApiClient.Passthrough answer;
        try {
            answer = api.stream(signedIn.token(), query == null ? path : path + "?" + query,
                    request.getHeader("If-None-Match"));
        } catch (ApiException e) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, e.getMessage());
            return;
        }
        ProxyRequests.passAsIs(answer, response);
    }
}
