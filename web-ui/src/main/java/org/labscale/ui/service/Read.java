package org.labscale.ui.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.labscale.ui.session.SessionStore;

/**
 * A read of {@link LabscaleService} started on another thread ({@link LabscaleService#startRead}): {@link #get} waits
 * for it and answers as if it had run on the caller's thread.
 */
public final class Read<T> {

    private final CompletableFuture<T> answer;
    private final SessionStore sessions;

    Read(CompletableFuture<T> answer, SessionStore sessions) {
        this.answer = answer;
        this.sessions = sessions;
    }

    /** Runs {@code then} on the read's thread once it has ended, whichever way ({@link #get} then answers at once). */
    public void whenDone(Runnable then) {
        answer.whenComplete((value, failure) -> then.run());
    }

    /**
     * The read's result, or what it threw; a token the API refused also ends this browser session, as a read on the
     * caller's thread would have.
     */
    public T get() {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotSignedInException ended) {
                sessions.clear();
                throw ended;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
