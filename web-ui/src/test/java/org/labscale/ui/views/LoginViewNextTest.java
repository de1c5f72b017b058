package org.labscale.ui.views;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** After signing in, the login page returns only to this app's lab pages (never to another site). */
class LoginViewNextTest {

    private static final String ID = "0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70";

    @Test
    void shouldReturnToLabPagesOnly() {
        assertTrue(LoginView.isLabPage("labs/" + ID + "/projects"));
        assertTrue(LoginView.isLabPage("labs/" + ID + "/images/" + ID));
        assertFalse(LoginView.isLabPage("https://evil.example/labs/" + ID));
        assertFalse(LoginView.isLabPage("//evil.example"));
        assertFalse(LoginView.isLabPage("labs/" + ID + "/../../admin"));
        assertFalse(LoginView.isLabPage(null));
    }
}
