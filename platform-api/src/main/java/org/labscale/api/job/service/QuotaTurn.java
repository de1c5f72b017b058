package org.labscale.api.job.service;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one turn that statements changing several labs' running jobs take, one at a time in this API process: batched
 * claims ({@link JobClaims}), batched completions ({@link JobCompletions}) and the reaper ({@link JobReaper}). Each
 * job that changes to or from RUNNING makes the {@code job_running_count} trigger lock its lab's quota row until the
 * statement commits, in the order the rows were changed, which the plan decides. Two such statements running at once
 * could each hold a lab the other one needs: a deadlock, which PostgreSQL breaks only after a second. One at a time,
 * none can happen: every other statement changes one job and so locks one quota row, and cannot close a cycle. (Two
 * API processes have a turn each; the statements retry a deadlock PostgreSQL broke.)
 *
 * <p>Fair: callers take the turn in arrival order.
 */
@ApplicationScoped
public class QuotaTurn {

    private final Semaphore turn = new Semaphore(1, true);

    /** The semaphore itself, for {@link Batcher}s. */
    Semaphore semaphore() {
        return turn;
    }

    /** Waits for the turn. */
    void enter() {
        turn.acquireUninterruptibly();
    }

    /** Ends a turn begun with {@link #enter()}. */
    void leave() {
        turn.release();
    }
}
