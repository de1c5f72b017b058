package org.labscale.ui.service;

/** The action needs a signed-in user, and there is none (never signed in, signed out, or the token expired). */
public class NotSignedInException extends RuntimeException {

    public NotSignedInException(String message) {
        super(message);
    }
}
