package org.labscale.ui.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once input has been quiet for a while: each {@link #restart} pushes the run back, {@link #cancel}
 * drops it. The action runs in {@link UI#access} (its changes reach the page by server push). Use it with a field in
 * {@code EAGER} mode instead of {@code LAZY}: the server then always holds the field's latest value, so another
 * control's event never sees a stale one, while the costly action still waits for the user to stop typing.
 */
public final class Debounce {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "labscale-ui-debounce");
        t.setDaemon(true);
        return t;
    });

    private final Duration quiet;
    private ScheduledFuture<?> pending;

    public Debounce(Duration quiet) {
        this.quiet = quiet;
    }

    /** Runs {@code action} in {@code ui} after the quiet time, unless restarted or cancelled before; session locked. */
    public void restart(UI ui, Runnable action) {
        cancel();
        pending = TIMER.schedule(() -> {
            try {
                ui.access(() -> {
                    pending = null;
                    action.run();
                });
            } catch (UIDetachedException gone) {
                // the page was left
            }
        }, quiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops a pending run; session locked. */
    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
