package org.labscale.ui.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void shouldAddSameSiteAndOverHttpsSecure() {
        assertEquals("JSESSIONID=abc; Path=/; HttpOnly; SameSite=Lax",
                SecurityHeaders.hardened("JSESSIONID=abc; Path=/; HttpOnly", false));
        assertEquals("JSESSIONID=abc; Path=/; HttpOnly; SameSite=Lax; Secure",
                SecurityHeaders.hardened("JSESSIONID=abc; Path=/; HttpOnly", true));
    }

    @Test
    void shouldKeepWhatTheCookieAlreadySays() {
        assertEquals("a=b; SameSite=Strict; Secure", SecurityHeaders.hardened("a=b; SameSite=Strict; Secure", true));
        assertEquals("a=b; Secure; HttpOnly; SameSite=Lax", SecurityHeaders.hardened("a=b; Secure; HttpOnly", true));
    }
}
