package org.labscale.api.storage;

/** The S3 server failed or is unreachable; the message says what was being done. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
