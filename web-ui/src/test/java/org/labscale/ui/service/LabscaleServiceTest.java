package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.ui.Fixtures;
import org.labscale.ui.StubApi;
import org.labscale.shared.account.UserDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiUnreachableException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.session.SignedInUser;

class LabscaleServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final StubApi stub = new StubApi();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final LabscaleService service = service(Clock.fixed(NOW, ZoneOffset.UTC));

    private LabscaleService service(Clock clock) {
        return new LabscaleService(new LabscaleApiClient(stub.url(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                sessions, clock);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private void signIn() {
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2026-03-01T10:00:00Z"));
        service.signIn(" ada@lab.org ", "pw");
    }

    @Test
    void shouldKeepTheTokenInTheSessionAfterSigningIn() {
        signIn();

        SignedInUser user = sessions.get().orElseThrow();
        assertEquals("t0k3n", user.token());
        assertEquals("Ada Lovelace", user.greetingName());
        assertTrue(stub.last().body().contains("\"email\":\"ada@lab.org\""), "email is trimmed");
        assertFalse(user.toString().contains("t0k3n"), "the token must never be printed");
    }

    @Test
    void shouldNotSignInOnWrongPassword() {
        stub.on("POST /api/v1/auth/login", 401, Fixtures.error("auth.invalid-credentials", "Email or password is wrong."));

        assertThrows(ApiErrorException.class, () -> service.signIn("ada@lab.org", "x"));
        assertFalse(service.isSignedIn());
    }

    @Test
    void shouldTreatAnExpiredTokenAsSignedOut() {
        signIn();

        LabscaleService later = service(Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));

        assertFalse(later.isSignedIn());
        assertTrue(sessions.get().isEmpty(), "the expired session is forgotten");
        assertThrows(NotSignedInException.class, later::labs);
    }

    @Test
    void shouldFetchEveryPageOfLabs() {
        signIn();
        stub.on("GET /api/v1/labs?page=0&size=100", 200,
                "{\"items\":[" + Fixtures.lab(Fixtures.LAB_OWNED, "A", "OWNER") + "],\"page\":0,\"size\":1,\"total\":2}");
        stub.on("GET /api/v1/labs?page=1&size=100", 200,
                "{\"items\":[" + Fixtures.lab(Fixtures.LAB_VIEWED, "B", "VIEWER") + "],\"page\":1,\"size\":1,\"total\":2}");

        List<LabDto> labs = service.labs();

        assertEquals(List.of("A", "B"), labs.stream().map(LabDto::name).toList());
    }

    @Test
    void shouldSignOutLocallyWhenTheApiRefusesTheToken() {
        signIn();
        stub.on("GET /api/v1/labs", 401, Fixtures.error(ApiErrorException.INVALID_TOKEN, "The token is unknown, expired or revoked."));

        NotSignedInException e = assertThrows(NotSignedInException.class, service::labs);

        assertEquals(LabscaleService.SESSION_ENDED, e.getMessage());
        assertFalse(service.isSignedIn());
    }

    @Test
    void shouldReadOnAnotherThreadAsTheSignedInUser() {
        signIn();
        stub.on("GET /api/v1/labs?page=0&size=100", 200,
                "{\"items\":[" + Fixtures.lab(Fixtures.LAB_OWNED, "A", "OWNER") + "],\"page\":0,\"size\":100,\"total\":1}");

        Read<List<LabDto>> labs = service.startRead(LabscaleService::labs);

        assertEquals(List.of("A"), labs.get().stream().map(LabDto::name).toList());
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    @Test
    void shouldSendAsTheSignedInUserAwayFromTheCallerAndSayWhenDone() throws Exception {
        signIn();
        stub.on("GET /api/v1/labs?page=0&size=100", 200,
                "{\"items\":[" + Fixtures.lab(Fixtures.LAB_OWNED, "A", "OWNER") + "],\"page\":0,\"size\":100,\"total\":1}");
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        String[] thread = new String[1];

        Read<List<LabDto>> sent = service.startSend(s -> {
            thread[0] = Thread.currentThread().getName();
            return s.labs();
        });
        sent.whenDone(done::countDown);

        assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS), "whenDone runs once the call has ended");
        assertEquals(List.of("A"), sent.get().stream().map(LabDto::name).toList());
        assertEquals("labscale-ui-send", thread[0]);
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    @Test
    void shouldEndTheSessionWhenTheApiRefusesTheTokenOfAReadStartedEarlier() {
        signIn();
        stub.on("GET /api/v1/labs", 401, Fixtures.error(ApiErrorException.INVALID_TOKEN, "The token is unknown, expired or revoked."));
        Read<List<LabDto>> labs = service.startRead(LabscaleService::labs);

        assertThrows(NotSignedInException.class, labs::get);
        assertFalse(service.isSignedIn(), "the browser session is cleared when the answer is taken");
        assertThrows(NotSignedInException.class, () -> service.startRead(LabscaleService::labs));
    }

    @Test
    void shouldGiveTheApisRefusalOfAReadStartedEarlier() {
        signIn();
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_OWNED, 404, Fixtures.error("lab.not-found", "No such lab."));

        Read<LabDto> lab = service.startRead(s -> s.lab(UUID.fromString(Fixtures.LAB_OWNED)));

        ApiErrorException e = assertThrows(ApiErrorException.class, lab::get);
        assertEquals(404, e.status());
        assertTrue(service.isSignedIn());
    }

    @Test
    void shouldPassOtherErrorsOnAndStaySignedIn() {
        signIn();
        stub.on("POST /api/v1/labs", 409, Fixtures.error("lab.name-taken", "A lab named Hansen Lab exists."));

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> service.createLab(new LabRequest("Hansen Lab", null, "")));

        assertEquals("A lab named Hansen Lab exists.", e.getMessage());
        assertTrue(service.isSignedIn());
    }

    @Test
    void shouldRevokeTheTokenWhenSigningOut() {
        signIn();
        stub.on("POST /api/v1/auth/logout", 204, null);

        service.signOut();

        assertEquals("Bearer t0k3n", stub.last().authorization());
        assertEquals("/api/v1/auth/logout", stub.last().pathAndQuery());
        assertFalse(service.isSignedIn());
    }

    @Test
    void shouldSignOutEvenWhenTheApiIsDown() {
        sessions.set(new SignedInUser("t", null, new UserDto(UUID.randomUUID(), "a@b", "", false, null)));
        LabscaleService offline = new LabscaleService(
                new LabscaleApiClient(StubApi.deadUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5)), sessions,
                Clock.systemUTC());

        offline.signOut();

        assertFalse(offline.isSignedIn());
        assertThrows(NotSignedInException.class, offline::labs);
    }

    @Test
    void shouldReportAnUnreachableApiWhileSignedIn() {
        sessions.set(new SignedInUser("t", null, new UserDto(UUID.randomUUID(), "a@b", "", false, null)));
        LabscaleService offline = new LabscaleService(
                new LabscaleApiClient(StubApi.deadUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5)), sessions,
                Clock.systemUTC());

        assertThrows(ApiUnreachableException.class, offline::labs);
        assertTrue(offline.isSignedIn(), "an unreachable API does not end the session");
    }

    @Test
    void shouldAskForAGalleryPagesThumbnailsInOneCallAndKeepThemForTheSignedInUserOnly() {
        signIn();
        UUID project = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        stub.on("GET /api/v1/projects/" + project + "/thumbnails", 200, "{\"items\":[{\"imageId\":\"" + a
                + "\",\"png\":\"AQID\"}]}");

        service.prefetchThumbnails(project, List.of(a, b));

        org.labscale.ui.session.ThumbnailBatch batch = sessions.thumbnails();
        SignedInUser user = sessions.get().orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3}, batch.find(user, a, Duration.ofSeconds(5)).orElseThrow());
        assertEquals("/api/v1/projects/" + project + "/thumbnails?id=" + a + "&id=" + b, stub.last().pathAndQuery());
        assertEquals("Bearer t0k3n", stub.last().authorization());
        assertTrue(batch.find(user, b, Duration.ofSeconds(1)).isEmpty(), "the API left b out: the proxy asks for it");
        SignedInUser other = new SignedInUser("0th3r", user.expiresAt(), user.user());
        assertTrue(batch.find(other, a, Duration.ofSeconds(1)).isEmpty(), "only for whom it was asked");

        service.signOut();
        assertNull(sessions.thumbnails(), "signing out forgets the batch");
    }

    @Test
    void shouldLeaveThumbnailsToTheProxyWhenTheBatchFails() {
        signIn();
        UUID project = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        stub.on("GET /api/v1/projects/" + project + "/thumbnails", 404, Fixtures.error("project.not-found", "No."));

        service.prefetchThumbnails(project, List.of(a));

        assertTrue(sessions.thumbnails().find(sessions.get().orElseThrow(), a, Duration.ofSeconds(5)).isEmpty());
    }
}
