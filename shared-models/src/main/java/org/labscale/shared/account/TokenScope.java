package org.labscale.shared.account;

/** What a personal API token may do. */
public enum TokenScope {
    /** Only safe methods (GET, HEAD). */
    READ,
    /** Everything its owner may do. */
    READ_WRITE
}
