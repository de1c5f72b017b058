package org.labscale.cli.http;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Flow;

/**
 * Passes a body through unchanged while computing its SHA-256, so an upload is hashed as it streams and the file
 * is read once. The client may subscribe more than once (it resends a body on some retries): each subscription
 * starts a fresh digest, and {@link #sha256()} is that of the last complete pass.
 */
public final class HashingBodyPublisher implements BodyPublisher {

    private final BodyPublisher delegate;
    private volatile String sha256;

    public HashingBodyPublisher(BodyPublisher delegate) {
        this.delegate = delegate;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    /** Lower-case hex SHA-256 of the bytes sent, or null when no pass completed. */
    public String sha256() {
        return sha256;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        MessageDigest digest = newDigest();
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                digest.update(item.duplicate()); // the duplicate's position moves, the client's buffer does not
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                sha256 = HexFormat.of().formatHex(digest.digest());
                subscriber.onComplete();
            }
        });
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
