package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.account.UserDto;

class LoginTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = new Cli(dir.resolve("conf/labscale/cli.properties"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldCheckAndStoreAGivenTokenInAnOwnerOnlyFile() throws Exception {
        api.on("GET", "/api/v1/me", (r, ex) -> StubApi.send(ex, "Bearer lsk_good".equals(r.header("Authorization"))
                ? 200 : 401, Fixtures.me("ada@lab.example")));

        Cli.Result r = cli.run("login", "--url", api.url() + "/api/v1/", "--token", "lsk_good");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("as ada@lab.example"), r.toString());
        CliConfig stored = CliConfig.load(cli.config);
        assertEquals(api.url(), stored.url(), "trailing /api/v1/ is dropped");
        assertEquals("lsk_good", stored.token());
        assertEquals(CliConfig.GIVEN, stored.tokenKind());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config.getParent())));
    }

    @Test
    void shouldRefuseATokenThePlatformRefusesAndStoreNothing() {
        api.on("GET", "/api/v1/me", 401, StubApi.error("auth.invalid-token", "This token is unknown, expired or revoked."));

        Cli.Result r = cli.run("login", "--url", api.url(), "--token", "lsk_typo");

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertTrue(r.err().contains("This token is unknown, expired or revoked."), r.toString());
        assertFalse(Files.exists(cli.config));
    }

    @Test
    void shouldTradeAPasswordForAPersonalTokenAndCloseTheSession() {
        UserDto user = new UserDto(UUID.randomUUID(), "ada@lab.example", "Ada", false, Instant.now());
        api.on("POST", "/api/v1/auth/login", 200, new LoginResponse("lsk_session", Instant.now(), user));
        api.on("POST", "/api/v1/me/tokens", 201, new TokenDto(UUID.randomUUID(), "nightly", TokenScope.READ_WRITE,
                "lsk_pers", Instant.now(), null, null, null, "lsk_personal"));
        api.on("POST", "/api/v1/auth/logout", 204, null);
        api.on("GET", "/api/v1/me", 200, Fixtures.me("ada@lab.example"));
        cli.stdin = "s3cret password\n";

        Cli.Result r = cli.run("login", "--url", api.url(), "--email", "ada@lab.example", "--password-stdin",
                "--create-token", "nightly");

        assertEquals(0, r.exit(), r.toString());
        StubApi.Request login = api.only("POST", "/api/v1/auth/login");
        assertEquals("s3cret password", login.json().get("password").asText());
        StubApi.Request create = api.only("POST", "/api/v1/me/tokens");
        assertEquals("Bearer lsk_session", create.header("Authorization"));
        assertEquals("nightly", create.json().get("name").asText());
        assertEquals("READ_WRITE", create.json().get("scope").asText());
        assertEquals("Bearer lsk_session", api.only("POST", "/api/v1/auth/logout").header("Authorization"),
                "the session is revoked once the personal token exists");
        CliConfig stored = CliConfig.load(cli.config);
        assertEquals("lsk_personal", stored.token());
        assertEquals(CliConfig.CREATED, stored.tokenKind());
    }

    @Test
    void shouldRefuseAPasswordPromptWithoutATerminal() {
        Cli.Result r = cli.run("login", "--url", api.url(), "--email", "ada@lab.example");

        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("--password-stdin"), r.toString());
        assertTrue(api.requests.isEmpty());
    }

    @Test
    void shouldRequireExactlyOneKindOfCredentials() {
        assertEquals(ExitCodes.USAGE, cli.run("login", "--url", api.url()).exit());
        assertEquals(ExitCodes.USAGE, cli.run("login", "--url", api.url(), "--token", "a", "--email", "b").exit());
        assertEquals(ExitCodes.USAGE, cli.run("login", "--url", "ftp://x", "--token", "a").exit());
    }

    @Test
    void shouldRevokeTokensItMadeOnLogoutButOnlyForgetGivenOnes() {
        api.on("POST", "/api/v1/auth/logout", 204, null);
        new CliConfig(api.url(), "lsk_made", CliConfig.CREATED, "ada@lab.example").save(cli.config);

        assertEquals(0, cli.run("logout").exit());
        assertEquals("Bearer lsk_made", api.only("POST", "/api/v1/auth/logout").header("Authorization"));
        assertNull(CliConfig.load(cli.config).token());
        assertEquals(api.url(), CliConfig.load(cli.config).url(), "the URL is kept for the next login");

        new CliConfig(api.url(), "lsk_given", CliConfig.GIVEN, "ada@lab.example").save(cli.config);
        assertEquals(0, cli.run("logout").exit());
        assertEquals(1, api.requests("POST", "/api/v1/auth/logout").size(), "a given token is not revoked");
        assertNull(CliConfig.load(cli.config).token());
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheStoredToken() {
        api.on("GET", "/api/v1/me", (r, ex) -> StubApi.send(ex, 200,
                Fixtures.me("Bearer lsk_env".equals(r.header("Authorization")) ? "env@lab.example" : "file@lab.example")));
        new CliConfig(api.url(), "lsk_file", CliConfig.GIVEN, "file@lab.example").save(cli.config);

        Cli.Result fromFile = cli.run("whoami");
        cli.env.put("LABSCALE_TOKEN", "lsk_env");
        Cli.Result fromEnv = cli.run("whoami");

        assertTrue(fromFile.out().contains("file@lab.example"), fromFile.toString());
        assertTrue(fromEnv.out().contains("env@lab.example"), fromEnv.toString());
        assertTrue(fromEnv.out().contains("from LABSCALE_TOKEN"), fromEnv.toString());
        assertTrue(fromEnv.out().contains("cell-lab"), fromEnv.toString());
    }
}
