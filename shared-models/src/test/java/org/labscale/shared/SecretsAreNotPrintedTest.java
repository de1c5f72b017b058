package org.labscale.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.Role;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.account.UserDto;
import org.labscale.shared.api.ErrorBody;
import org.labscale.shared.lab.InvitationDto;

class SecretsAreNotPrintedTest {

    @Test
    void shouldMaskTokensInToString() {
        UserDto user = new UserDto(UUID.randomUUID(), "a@b.org", "A", false, Instant.EPOCH);
        assertFalse(new LoginResponse("lsk_secret", Instant.EPOCH, user).toString().contains("lsk_secret"));
        assertFalse(new TokenDto(UUID.randomUUID(), "n", TokenScope.READ, "lsk_abc", Instant.EPOCH, Instant.EPOCH,
                null, null, "lsk_secret").toString().contains("lsk_secret"));
        assertFalse(new InvitationDto(UUID.randomUUID(), UUID.randomUUID(), "a@b.org", Role.MEMBER, Instant.EPOCH,
                Instant.EPOCH, null, null, "lsi_secret").toString().contains("lsi_secret"));
    }

    @Test
    void shouldKeepAbsentErrorDetails() {
        Map<String, Object> details = new HashMap<>();
        details.put("field", null);
        assertEquals(1, new ErrorBody("code", "message", details).details().size());
    }
}
