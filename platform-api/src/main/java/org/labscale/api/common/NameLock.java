package org.labscale.api.common;

import java.util.Locale;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Serialises "is the name free in this lab? then insert" for one kind of named row. Two requests that both checked
 * the name before either inserted would otherwise meet the unique index at commit, and the loser would see a 500;
 * with the lock the second one waits, then finds the name taken and answers the ordinary 409.
 */
public final class NameLock {

    private NameLock() {
    }

    /**
     * In the caller's transaction: holds a PostgreSQL advisory lock on ({@code table}, lab, lower-cased name) until
     * commit or rollback. Take it before checking the name.
     */
    public static void lock(String table, UUID labId, String name) {
        // A collision of the 64-bit hash only serialises two unrelated inserts; it never breaks correctness.
        Panache.getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock("
                        + "hashtextextended(:key, 0))) l")
                .setParameter("key", "name/" + table + "/" + labId + "/" + name.toLowerCase(Locale.ROOT))
                .getSingleResult();
    }
}
