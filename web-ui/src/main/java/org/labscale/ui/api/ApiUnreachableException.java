package org.labscale.ui.api;

import java.net.URI;

/** No HTTP answer came back from the API: refused connection, unknown host, time-out, broken connection. */
public final class ApiUnreachableException extends ApiException {

    private final URI baseUrl;

    public ApiUnreachableException(URI baseUrl, String reason, Throwable cause) {
        super("The Labscale API at " + baseUrl + " is not reachable" + (reason == null ? "." : " (" + reason + ")."),
                cause);
        this.baseUrl = baseUrl;
    }

    public URI baseUrl() {
        return baseUrl;
    }
}
