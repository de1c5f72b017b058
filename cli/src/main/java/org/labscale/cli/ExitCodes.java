package org.labscale.cli;

/** The exit statuses scripts can rely on; every command documents them in its {@code --help}. */
public final class ExitCodes {

    /** The command did what was asked (for {@code jobs follow}: the job SUCCEEDED). */
    public static final int OK = 0;
    /** The platform refused the request (a 4xx: bad input, not found, no permission; or the job FAILED/was CANCELLED). */
    public static final int REFUSED = 1;
    /** The command line was wrong (unknown option, missing argument, unreadable file, not signed in). */
    public static final int USAGE = 2;
    /** The platform could not be reached or failed itself (connection refused, timeout, a 5xx). */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
