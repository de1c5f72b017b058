package org.labscale.api.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * No HTTP/2 over plain HTTP (h2c). Java's HttpClient asks for an h2c upgrade on every first request to an http://
 * URL, and Vert.x 4 then takes the upgrading request's body, sent as HTTP/1.1 and so outside HTTP/2 flow control,
 * into the new stream's queue as fast as the client sends: a paused request does not stop the socket. The upload
 * benchmark (1 GiB, API at -Xmx256m) found 29,000 chunks of 8 KiB queued in the Http2ServerStream and the API dead.
 * Over HTTP/1.1 a paused request stops reading the socket and TCP slows the client down. HTTPS, where HTTP/2 has
 * flow control from the first byte, keeps it.
 */
@ApplicationScoped
public class Http1ForCleartext implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
