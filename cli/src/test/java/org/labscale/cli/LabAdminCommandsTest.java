package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.MemberDto;

/**
 * Issue 21.1: a fresh administrator's first steps from the command line: a lab, its members and invitations, worker
 * credentials and personal tokens (before, {@code labs} had only {@code list}).
 */
class LabAdminCommandsTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    static final UUID USER = UUID.fromString("66666666-6666-6666-6666-666666666666");
    static final String LAB_PATH = "/api/v1/labs/" + Fixtures.LAB;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldCreateALabAndPrintItsId() {
        api.on("POST", "/api/v1/labs", 201, Fixtures.lab());

        Cli.Result r = cli.run("labs", "create", "Cell lab", "--slug", "cell-lab", "--description", "nuclei");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.LAB + "\n", r.out());
        assertEquals("{\"name\":\"Cell lab\",\"slug\":\"cell-lab\",\"description\":\"nuclei\"}",
                api.only("POST", "/api/v1/labs").text());
        assertTrue(r.err().contains("slug cell-lab") && r.err().contains("OWNER"), r.toString());
    }

    @Test
    void shouldChangeAndRemoveMembersByEmail() {
        MemberDto ada = new MemberDto(USER, "ada@lab.example", "Ada", Role.MEMBER, Fixtures.T);
        api.on("GET", LAB_PATH + "/members", 200, Fixtures.page(List.of(ada)));
        api.on("PUT", LAB_PATH + "/members/" + USER, 200, new MemberDto(USER, ada.email(), "Ada", Role.VIEWER,
                Fixtures.T));
        api.on("DELETE", LAB_PATH + "/members/" + USER, 204, null);

        Cli.Result list = cli.run("labs", "members", "list", "--lab", "cell-lab");
        Cli.Result role = cli.run("labs", "members", "role", "--lab", "cell-lab", "ADA@lab.example", "--role", "viewer");
        Cli.Result remove = cli.run("labs", "members", "remove", "--lab", "cell-lab", USER.toString());
        Cli.Result unknown = cli.run("labs", "members", "remove", "--lab", "cell-lab", "bob@lab.example");

        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("ada@lab.example") && list.out().contains("MEMBER"), list.toString());
        assertEquals(0, role.exit(), role.toString());
        assertEquals("{\"role\":\"VIEWER\"}", api.only("PUT", LAB_PATH + "/members/" + USER).text());
        assertEquals(0, remove.exit(), remove.toString());
        assertEquals(1, api.requests("DELETE", LAB_PATH + "/members/" + USER).size());
        assertEquals(ExitCodes.REFUSED, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("ada@lab.example"), "names the members: " + unknown);
    }

    @Test
    void shouldInviteAndAcceptWithoutAnAccount() {
        api.on("POST", LAB_PATH + "/invitations", 201, new InvitationDto(UUID.randomUUID(), Fixtures.LAB,
                "bob@lab.example", Role.VIEWER, Fixtures.T, Fixtures.T, null, null, "lsi_secret"));
        api.on("POST", "/api/v1/invitations/accept", 200, new MembershipDto(Fixtures.LAB, "Cell lab", "cell-lab",
                Role.VIEWER));

        Cli.Result invited = cli.run("labs", "invitations", "create", "--lab", "cell-lab", "--email",
                "bob@lab.example", "--role", "VIEWER");
        Cli bob = new Cli(dir.resolve("bob.properties"));
        bob.stdin = "bobs password\n";
        Cli.Result accepted = bob.run("labs", "invitations", "accept", "lsi_secret", "--url", api.url(),
                "--display-name", "Bob", "--password-stdin");

        assertEquals(0, invited.exit(), invited.toString());
        assertEquals("lsi_secret\n", invited.out(), "the token, shown once, is the result");
        assertEquals("{\"email\":\"bob@lab.example\",\"role\":\"VIEWER\",\"expiresInDays\":null}",
                api.only("POST", LAB_PATH + "/invitations").text());
        assertEquals(0, accepted.exit(), accepted.toString());
        StubApi.Request accept = api.only("POST", "/api/v1/invitations/accept");
        assertNull(accept.header("Authorization"), "a new account: no token");
        assertEquals("{\"token\":\"lsi_secret\",\"displayName\":\"Bob\",\"password\":\"bobs password\"}",
                accept.text());
    }

    @Test
    void shouldCreateListAndRevokeLabAndSharedWorkers() {
        UUID worker = UUID.randomUUID();
        WorkerDto created = new WorkerDto(worker, Fixtures.LAB, "cpu-box", null, null, null, "lsw_ab12", Fixtures.T,
                null, null, null, "lsw_ab12secret");
        api.on("POST", LAB_PATH + "/workers", 201, created);
        api.on("GET", "/api/v1/admin/workers", 200, Fixtures.page(List.of(created)));
        api.on("DELETE", LAB_PATH + "/workers/" + worker, 204, null);

        Cli.Result create = cli.run("workers", "create", "--lab", "cell-lab", "cpu-box");
        Cli.Result shared = cli.run("workers", "list", "--shared");
        Cli.Result revoke = cli.run("workers", "revoke", "--lab", "cell-lab", worker.toString());
        Cli.Result neither = cli.run("workers", "list");

        assertEquals(0, create.exit(), create.toString());
        assertEquals("lsw_ab12secret\n", create.out());
        assertEquals("{\"name\":\"cpu-box\"}", api.only("POST", LAB_PATH + "/workers").text());
        assertEquals(0, shared.exit(), shared.toString());
        assertTrue(shared.out().contains("lsw_ab12...") && !shared.out().contains("secret"), shared.toString());
        assertEquals(0, revoke.exit(), revoke.toString());
        assertEquals(ExitCodes.USAGE, neither.exit(), neither.toString());
    }

    @Test
    void shouldCreateListAndRevokePersonalTokens() {
        UUID id = UUID.randomUUID();
        TokenDto token = new TokenDto(id, "nightly", TokenScope.READ, "lsk_9f", Fixtures.T, Fixtures.T, null, null,
                "lsk_9fsecret");
        api.on("POST", "/api/v1/me/tokens", 201, token);
        api.on("GET", "/api/v1/me/tokens", 200, Fixtures.page(List.of(token)));
        api.on("DELETE", "/api/v1/me/tokens/" + id, 204, null);

        Cli.Result create = cli.run("tokens", "create", "nightly", "--read-only", "--days", "30");
        Cli.Result list = cli.run("tokens", "list");
        Cli.Result revoke = cli.run("tokens", "revoke", id.toString());

        assertEquals(0, create.exit(), create.toString());
        assertEquals("lsk_9fsecret\n", create.out());
        assertEquals("{\"name\":\"nightly\",\"scope\":\"READ\",\"expiresInDays\":30}",
                api.only("POST", "/api/v1/me/tokens").text());
        assertTrue(list.out().contains("nightly") && !list.out().contains("secret"), list.toString());
        assertEquals(0, revoke.exit(), revoke.toString());
        assertEquals(1, api.requests("DELETE", "/api/v1/me/tokens/" + id).size());
    }
}
