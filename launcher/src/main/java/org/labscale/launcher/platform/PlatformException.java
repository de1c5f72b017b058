package org.labscale.launcher.platform;

/** The platform could not start; the message is meant for the user (what failed, which log to read). */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
