package org.labscale.ui.session;

import java.time.Instant;
import java.util.Objects;
import org.labscale.shared.account.UserDto;

/**
 * Who is signed in to this Vaadin session, with the API's bearer token. Held on the server only (in the
 * {@code VaadinSession}); the token is never sent to the browser and never printed.
 */
public record SignedInUser(String token, Instant expiresAt, UserDto user) {

    public SignedInUser {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
    }

    /** Whether the API's token has run out at {@code now} (a missing expiry never runs out here). */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The name to greet the user with: the display name, else the email. */
    public String greetingName() {
        String name = user.displayName();
        return name == null || name.isBlank() ? user.email() : name;
    }

    @Override
    public String toString() {
        return "SignedInUser[token=***, expiresAt=" + expiresAt + ", user=" + user + "]";
    }
}
