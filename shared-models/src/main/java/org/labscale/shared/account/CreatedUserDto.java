package org.labscale.shared.account;

/** A new account and, when Labscale generated it, its initial password (shown once). */
public record CreatedUserDto(UserDto user, String initialPassword) {
}
