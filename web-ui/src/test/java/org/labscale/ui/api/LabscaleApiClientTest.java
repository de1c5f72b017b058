package org.labscale.ui.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;
import org.labscale.ui.Fixtures;
import org.labscale.ui.StubApi;

class LabscaleApiClientTest {

    private final StubApi stub = new StubApi();
    private final LabscaleApiClient client = client(stub.url());

    private static LabscaleApiClient client(URI url) {
        return new LabscaleApiClient(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldLogInAndReadTokenExpiryAndUser() {
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2026-03-01T10:00:00Z"));

        LoginResponse login = client.login("ada@lab.org", "pw\"with quotes", "203.0.113.7");

        assertEquals("t0k3n", login.token());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), login.expiresAt());
        assertEquals("Ada Lovelace", login.user().displayName());
        assertEquals(UUID.fromString(Fixtures.USER_ID), login.user().id());
        StubApi.Seen seen = stub.last();
        assertEquals("application/json", seen.contentType());
        assertEquals("{\"email\":\"ada@lab.org\",\"password\":\"pw\\\"with quotes\"}", seen.body());
        assertNull(seen.authorization(), "login must not send a bearer token");
    }

    @Test
    void shouldReportTheApisMessageForWrongPassword() {
        stub.on("POST /api/v1/auth/login", 401,
                Fixtures.error(ApiErrorException.INVALID_CREDENTIALS, "Email or password is wrong."));

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.login("ada@lab.org", "nope", null));

        assertEquals("Email or password is wrong.", e.getMessage());
        assertEquals(ApiErrorException.INVALID_CREDENTIALS, e.code());
        assertEquals(401, e.status());
        assertEquals("name", e.details().get("field"));
        assertTrue(!e.isUnauthenticated(), "a wrong password is not an ended session");
    }

    @Test
    void shouldSendBearerTokenAndPagingWhenListingLabs() {
        stub.on("GET /api/v1/labs", 200, Fixtures.page(2,
                Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER"),
                Fixtures.lab(Fixtures.LAB_VIEWED, "Imaging Core", "VIEWER")));

        PageDto<LabDto> labs = client.labs("t0k3n", 1, 25);

        assertEquals("Bearer t0k3n", stub.last().authorization());
        assertEquals("/api/v1/labs?page=1&size=25", stub.last().pathAndQuery());
        assertEquals(List.of("Hansen Lab", "Imaging Core"), labs.items().stream().map(LabDto::name).toList());
        assertEquals(Role.VIEWER, labs.items().get(1).role());
        assertEquals(2, labs.total());
    }

    @Test
    void shouldReadAnUnknownRoleAsNullRatherThanFail() {
        stub.on("GET /api/v1/labs", 200, Fixtures.page(1, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "AUDITOR")));

        assertNull(client.labs("t", 0, 50).items().get(0).role());
    }

    @Test
    void shouldCreateProjectAndReadTagsAndTimes() {
        stub.on("POST /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 201,
                Fixtures.project(Fixtures.LAB_OWNED, "HeLa", "phase", "20x"));

        ProjectDto p = client.createProject("t", UUID.fromString(Fixtures.LAB_OWNED),
                new ProjectRequest("HeLa", "d", List.of("phase", "20x")));

        assertEquals(List.of("phase", "20x"), p.tags());
        assertEquals(12, p.imageCount());
        assertEquals(Instant.parse("2026-02-03T04:05:06Z"), p.updatedAt());
        assertEquals("{\"name\":\"HeLa\",\"description\":\"d\",\"tags\":[\"phase\",\"20x\"]}", stub.last().body());
    }

    @Test
    void shouldReportForbiddenForViewers() {
        stub.on("POST /api/v1/labs/" + Fixtures.LAB_VIEWED + "/projects", 403,
                Fixtures.error(ApiErrorException.FORBIDDEN, "Viewers cannot create projects."));

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.createProject("t",
                UUID.fromString(Fixtures.LAB_VIEWED), new ProjectRequest("x", "", List.of())));

        assertEquals(ApiErrorException.FORBIDDEN, e.code());
        assertEquals("Viewers cannot create projects.", e.getMessage());
    }

    @Test
    void shouldMarkARefusedTokenAsUnauthenticated() {
        stub.on("GET /api/v1/me", 401, Fixtures.error(ApiErrorException.INVALID_TOKEN,
                "The token is unknown, expired or revoked; sign in again or create a new API token."));

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.me("expired"));

        assertTrue(e.isUnauthenticated());
        assertEquals(ApiErrorException.INVALID_TOKEN, e.code());
    }

    @Test
    void shouldMarkAMissingTokenAsUnauthenticated() {
        stub.on("GET /api/v1/me", 401, Fixtures.error(ApiErrorException.AUTH_REQUIRED,
                "Sign in or send an API token as 'Authorization: Bearer <token>'."));

        assertTrue(assertThrows(ApiErrorException.class, () -> client.me("")).isUnauthenticated());
    }

    @Test
    void shouldCreateALabWithoutASlugAndReadTheCreatedLab() {
        stub.on("POST /api/v1/labs", 201, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER"));

        LabDto lab = client.createLab("t", new LabRequest("Hansen Lab", null, "Zebrafish"));

        assertEquals(UUID.fromString(Fixtures.LAB_OWNED), lab.id());
        assertEquals(Role.OWNER, lab.role());
        assertEquals(1, lab.version());
        assertEquals("{\"name\":\"Hansen Lab\",\"slug\":null,\"description\":\"Zebrafish\"}", stub.last().body());
    }

    @Test
    void shouldExplainAnErrorPageThatIsNotTheApisJson() {
        stub.onRaw("GET /api/v1/me", 502, "text/html", "<html><body>Bad Gateway</body></html>");

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.me("t"));

        assertEquals(502, e.status());
        assertEquals("http.502", e.code());
        assertEquals("The Labscale API answered HTTP 502 to GET /api/v1/me.", e.getMessage());
    }

    @Test
    void shouldExplainAnUnreadableSuccessAnswer() {
        stub.onRaw("GET /api/v1/me", 200, "text/plain", "hello");

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.me("t"));

        assertEquals("client.bad-response", e.code());
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void shouldLogOutWithTheTokenAndAcceptNoContent() {
        stub.on("POST /api/v1/auth/logout", 204, null);

        client.logout("t0k3n");

        assertEquals("Bearer t0k3n", stub.last().authorization());
        assertEquals("POST", stub.last().method());
    }

    @Test
    void shouldSayTheApiIsNotReachableWhenNothingListens() {
        URI dead = StubApi.deadUrl();

        ApiUnreachableException e = assertThrows(ApiUnreachableException.class,
                () -> client(dead).login("ada@lab.org", "pw", null));

        assertEquals("The Labscale API at " + dead + " is not reachable.", e.getMessage());
    }

    @Test
    void shouldKeepAPathPrefixAndDropATrailingSlash() {
        stub.on("GET /prefix/api/v1/me", 200, "{\"id\":\"" + Fixtures.USER_ID
                + "\",\"email\":\"a@b\",\"displayName\":\"A\",\"platformAdmin\":true,\"memberships\":[]}");

        MeDto me = client(URI.create(stub.url() + "/prefix/")).me("t");

        assertTrue(me.platformAdmin());
        assertEquals(List.of(), me.memberships());
        assertEquals(URI.create(stub.url() + "/prefix"), client(URI.create(stub.url() + "/prefix/")).baseUrl());
    }

    @Test
    void shouldRefuseANonHttpUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client(URI.create("ftp://example.org")));
        assertTrue(e.getMessage().contains("ftp://example.org"));
    }
}
