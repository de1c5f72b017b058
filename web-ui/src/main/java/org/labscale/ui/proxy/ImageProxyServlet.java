package org.labscale.ui.proxy;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.shared.image.ThumbnailsDto;
import org.labscale.ui.session.SignedInUser;
import org.labscale.ui.session.ThumbnailBatch;

/**
 * Passes the browser's image reads (thumbnails, viewer tiles, histograms, pixel values, annotation class maps and
 * their tiles) to the API with the session's token, which stays on the server:
 * {@code GET /ui-api/<API path under /api/v1/>}.
 *
 * <p>Only those read-only paths are passed, and only GET; anything else is 404. The API's status and body go back
 * as they are, so another lab's image answers exactly like a missing one. Without a signed-in session: 401. The
 * browser's {@code If-None-Match} goes to the API and its {@code ETag} back, so a thumbnail the browser holds costs a
 * 304; caching is {@code private} whatever the API says. The thumbnails of the gallery page just sent to this session
 * are answered from the page's {@link ThumbnailBatch}, one API call for the page instead of one per thumbnail.
 */
@WebServlet(urlPatterns = "/ui-api/*", asyncSupported = false)
public class ImageProxyServlet extends HttpServlet {

    private static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** The API paths the browser may read through this proxy. */
    static final Pattern ALLOWED = Pattern.compile("images/" + ID
            + "/(thumbnail|preview|histogram|values|tiles/\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png)"
            + "|annotations/" + ID + "/versions/\\d{1,6}/class-map(?:/tiles/\\d{1,2}/\\d{1,6}/\\d{1,6}\\.png)?");

    /** A thumbnail's path; group 1 is the image id. */
    static final Pattern THUMBNAIL = Pattern.compile("images/(" + ID + ")/thumbnail");

    /** How long a thumbnail request waits for the gallery page's batch still on its way from the API. */
    static final Duration BATCH_WAIT = Duration.ofSeconds(2);

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
        Matcher thumbnail = THUMBNAIL.matcher(path);
        if (query == null && thumbnail.matches() && fromBatch(request, response, signedIn,
                UUID.fromString(thumbnail.group(1)))) {
            return;
        }
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

    /**
     * Answers a thumbnail of the gallery page's batch ({@link ThumbnailBatch}) that this user's session asked the API
     * for, as the API would; false when the batch does not hold it (the API is asked instead).
     */
    private static boolean fromBatch(HttpServletRequest request, HttpServletResponse response, SignedInUser user,
                                     UUID imageId) throws IOException {
        HttpSession session = request.getSession(false);
        Object batch = session == null ? null : session.getAttribute(ThumbnailBatch.HTTP_ATTRIBUTE);
        if (!(batch instanceof ThumbnailBatch thumbnails)) {
            return false;
        }
        Optional<byte[]> png = thumbnails.find(user, imageId, BATCH_WAIT);
        if (png.isEmpty()) {
            return false;
        }
        String etag = ThumbnailsDto.etag(imageId);
        response.setHeader("Cache-Control", ThumbnailsDto.CACHE_CONTROL);
        response.setHeader("ETag", etag);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        response.setContentType("image/png");
        response.setContentLength(png.get().length);
        response.getOutputStream().write(png.get());
        return true;
    }
}
