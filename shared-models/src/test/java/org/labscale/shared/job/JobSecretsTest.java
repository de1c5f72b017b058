package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class JobSecretsTest {

    @Test
    void shouldNotPrintWorkerTokensOrPresignedUrls() {
        WorkerDto worker = new WorkerDto(UUID.randomUUID(), null, "box", null, null, null, "lsw_abcdefgh", Instant.EPOCH,
                null, null, null, "lsw_secret");
        assertFalse(worker.toString().contains("lsw_secret"));
        LeaseDto lease = new LeaseDto(UUID.randomUUID(), UUID.randomUUID(), 1, UUID.randomUUID(), Instant.EPOCH, 20,
                JobKind.SELF_TEST, Map.of(), null, Map.of("result", "http://s3/x?X-Amz-Signature=secret"), Instant.EPOCH);
        assertFalse(lease.toString().contains("secret"));
        assertTrue(lease.toString().contains("result"));
    }
}
