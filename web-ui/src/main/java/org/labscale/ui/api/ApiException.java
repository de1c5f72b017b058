package org.labscale.ui.api;

/**
 * Something went wrong talking to the Labscale API. {@link #getMessage()} is always a sentence that can be
 * shown to the user as it is; views never show stack traces.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiErrorException, ApiUnreachableException {

    protected ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
