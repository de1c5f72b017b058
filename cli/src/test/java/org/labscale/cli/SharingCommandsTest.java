package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.GrantDto;
import org.labscale.shared.sharing.OriginDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.ZooEntryDto;

/** {@code models share|revoke|fork}, {@code training-sets share|revoke} and {@code zoo search} against a stub API. */
class SharingCommandsTest {

    static final UUID OTHER_LAB = UUID.fromString("77777777-7777-7777-7777-777777777777");
    static final UUID SET = UUID.fromString("88888888-8888-8888-8888-888888888888");
    static final String VERSION = ModelsTest.MODELS + "/" + ModelsTest.MODEL + "/versions/2";

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
        ModelDto model = new ModelDto(ModelsTest.MODEL, Fixtures.LAB, "HeLa nuclei", "first try", 2, Fixtures.T);
        api.on("GET", ModelsTest.MODELS, 200, Fixtures.page(List.of(model)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldGrantAndMakePublicThenRevokeByName() {
        SharingDto shared = new SharingDto(Visibility.SHARED, List.of(new GrantDto(OTHER_LAB, "Other lab", null,
                Fixtures.T)));
        api.on("PUT", VERSION + "/grants/" + OTHER_LAB, 200, shared);
        api.on("PUT", VERSION + "/visibility", 200, new SharingDto(Visibility.PUBLIC, shared.grants()));
        Cli.Result share = cli.run("models", "share", "--lab", "cell-lab", "HeLa nuclei", "--version", "2", "--with",
                OTHER_LAB.toString(), "--public");
        assertEquals(0, share.exit(), share.toString());
        assertTrue(share.out().contains("PUBLIC") && share.out().contains("Other lab"), share.out());
        assertEquals("{\"visibility\":\"PUBLIC\"}", body(api.only("PUT", VERSION + "/visibility")));

        api.on("DELETE", VERSION + "/grants/" + OTHER_LAB, 200, new SharingDto(Visibility.PRIVATE, List.of()));
        Cli.Result revoke = cli.run("models", "revoke", "--lab", "cell-lab", "HeLa nuclei", "--version", "2",
                "--from", OTHER_LAB.toString(), "--json");
        assertEquals(0, revoke.exit(), revoke.toString());
        assertTrue(revoke.out().contains("\"PRIVATE\""), revoke.out());

        Cli.Result nothing = cli.run("models", "share", "--lab", "cell-lab", "HeLa nuclei", "--version", "2");
        assertEquals(ExitCodes.USAGE, nothing.exit(), nothing.toString());
    }

    @Test
    void shouldShareATrainingSetVersionAndForkAModel() {
        String set = "/api/v1/training-sets/" + SET + "/versions/1";
        api.on("PUT", set + "/grants/" + OTHER_LAB, 200, new SharingDto(Visibility.SHARED, List.of()));
        Cli.Result share = cli.run("training-sets", "share", SET.toString(), "--version", "1", "--with",
                OTHER_LAB.toString());
        assertEquals(0, share.exit(), share.toString());
        api.only("PUT", set + "/grants/" + OTHER_LAB);

        UUID setCopy = UUID.randomUUID();
        OriginDto setOrigin = new OriginDto(OTHER_LAB, "Other lab", SET, "discs", 1, UUID.randomUUID(), "hash");
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/forks/training-sets", 201,
                new ForkDto(Fixtures.LAB, setCopy, "discs", 1, UUID.randomUUID(), setOrigin));
        Cli.Result setFork = cli.run("training-sets", "fork", "--lab", "cell-lab", SET.toString(), "--version", "1");
        assertEquals(0, setFork.exit(), setFork.toString());
        assertEquals(setCopy.toString(), setFork.out().trim());
        assertEquals("{\"sourceId\":\"" + SET + "\",\"version\":1,\"name\":null}",
                body(api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/forks/training-sets")));

        UUID copy = UUID.randomUUID();
        OriginDto origin = new OriginDto(OTHER_LAB, "Other lab", ModelsTest.MODEL, "HeLa nuclei", 2,
                ModelsTest.VERSION, "abc");
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/forks/models", 201,
                new ForkDto(Fixtures.LAB, copy, "Mine", 1, UUID.randomUUID(), origin));
        Cli.Result fork = cli.run("models", "fork", "--lab", "cell-lab", ModelsTest.MODEL.toString(), "--version",
                "2", "--name", "Mine");
        assertEquals(0, fork.exit(), fork.toString());
        assertEquals(copy.toString(), fork.out().trim());
        assertEquals("{\"sourceId\":\"" + ModelsTest.MODEL + "\",\"version\":2,\"name\":\"Mine\"}",
                body(api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/forks/models")));
    }

    @Test
    void shouldExportATrainingSetPackageToAFileAndImportOne() throws Exception {
        byte[] zip = "PK\u0003\u0004 a package".getBytes(StandardCharsets.ISO_8859_1);
        api.on("GET", "/api/v1/training-sets/" + SET + "/versions/1/package", 200, zip);
        Path target = dir.resolve("out/discs.zip");
        Cli.Result export = cli.run("training-sets", "export", SET.toString(), "--version", "1", "-o",
                target.toString());
        assertEquals(0, export.exit(), export.toString());
        assertEquals(target.toString(), export.out().trim());
        assertEquals(List.of(zip.length), List.of(java.nio.file.Files.readAllBytes(target).length));

        UUID copy = UUID.randomUUID();
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/training-sets/import", 201,
                new org.labscale.shared.trainingset.TrainingSetVersionDto(UUID.randomUUID(), copy, 1, "hash", null,
                        List.of(), UUID.randomUUID(), Fixtures.T));
        Cli.Result imported = cli.run("training-sets", "import", "--lab", "cell-lab", target.toString(), "--name",
                "Their discs");
        assertEquals(0, imported.exit(), imported.toString());
        assertEquals(copy.toString(), imported.out().trim());
        StubApi.Request sent = api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/training-sets/import");
        assertEquals("name=Their%20discs", sent.query().replace("+", "%20"));
        assertEquals("application/zip", sent.headers().getFirst("Content-Type"));
        assertEquals(new String(zip, StandardCharsets.ISO_8859_1), new String(sent.body(),
                StandardCharsets.ISO_8859_1));

        Cli.Result missing = cli.run("training-sets", "import", "--lab", "cell-lab", dir.resolve("nope.zip")
                .toString());
        assertEquals(ExitCodes.USAGE, missing.exit(), missing.toString());
    }

    @Test
    void shouldSearchTheZooWithFilters() {
        ZooEntryDto entry = new ZooEntryDto(ModelsTest.MODEL, ModelsTest.VERSION, 2, "HeLa nuclei", "first try",
                OTHER_LAB, "Other lab", Visibility.PUBLIC, "semantic-segmentation", List.of("nuclear"),
                List.of("background", "boundary", "interior"), "CC-BY-4.0", List.of("ada"),
                Map.of("meanPerCellJaccard", 0.812), 0.812, 1, List.of(), false, null, 2, null, Fixtures.T);
        api.on("GET", "/api/v1/zoo/models", 200, Fixtures.page(List.of(entry)));
        Cli.Result r = cli.run("zoo", "search", "hela nuclei", "--channel", "nuclear", "--licence", "CC-BY-4.0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("0.812") && r.out().contains("Other lab") && r.out().contains("PUBLIC"),
                r.out());
        String query = api.only("GET", "/api/v1/zoo/models").query();
        assertTrue(query.contains("q=hela+nuclei") && query.contains("channel=nuclear")
                && query.contains("licence=CC-BY-4.0") && query.contains("sort=jaccard"), query);
    }

    private static String body(StubApi.Request request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
