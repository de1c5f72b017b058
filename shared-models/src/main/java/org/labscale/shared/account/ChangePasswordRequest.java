package org.labscale.shared.account;

/** Replaces the caller's password. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {
}
