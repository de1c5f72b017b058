package org.labscale.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.labscale.shared.account.UserDto;

/** A batch answers its owner's asked-for ids once the API has answered, and nothing else. */
class ThumbnailBatchTest {

    private final SignedInUser ada = new SignedInUser("t0k3n", Instant.parse("2026-03-01T10:00:00Z"),
            new UserDto(UUID.randomUUID(), "ada@lab.org", "Ada Lovelace", false, Instant.EPOCH));

    @Test
    void shouldWaitForTheAnswerOnlyAsLongAsItIsTold() {
        UUID image = UUID.randomUUID();
        CompletableFuture<Map<UUID, byte[]>> answer = new CompletableFuture<>();
        ThumbnailBatch batch = new ThumbnailBatch(ada, Set.of(image), answer);

        assertTrue(batch.find(ada, image, Duration.ofMillis(20)).isEmpty(), "late: the proxy asks the API instead");
        answer.complete(Map.of(image, new byte[] {7}));
        assertArrayEquals(new byte[] {7}, batch.find(ada, image, Duration.ofMillis(20)).orElseThrow());
        assertTrue(batch.find(ada, UUID.randomUUID(), Duration.ofMillis(20)).isEmpty(), "not asked for");
    }
}
