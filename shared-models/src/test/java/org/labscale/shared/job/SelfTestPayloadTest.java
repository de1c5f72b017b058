package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SelfTestPayloadTest {

    @Test
    void checksumIsTheDocumentedSha256() {
        // printf 'labscale-self-test/1\nabc\n3' | sha256sum
        assertEquals("7dd0acefb3e638bceb9c2c86012a83c78c8c3d3e7e7eb8be7fefe3f9576bdf3f", SelfTestPayload.checksum("abc", 3));
        assertNotEquals(SelfTestPayload.checksum("abc", 3), SelfTestPayload.checksum("abc", 4));
    }

    @Test
    void defaultsAreFilledIn() {
        assertEquals(new SelfTestPayload(3, 100L, "", null), new SelfTestPayload(null, null, null, null).withDefaults());
        assertEquals(JobKind.SELF_TEST, new SelfTestPayload(1, 0L, "", null).kind());
        assertEquals(SelfTestPayload.class, JobKind.SELF_TEST.payloadType());
    }
}
