package org.labscale.shared.account;

/** An administrator creates an account; without a password one is generated and returned once. */
public record CreateUserRequest(String email, String displayName, String password, Boolean platformAdmin) {
}
