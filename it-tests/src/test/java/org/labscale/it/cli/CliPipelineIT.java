package org.labscale.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.it.support.LocalPlatform;

/**
 * Issue 21's "done when": a lab's whole pipeline with nothing but {@code labscale-cli} (the packaged jar, one process
 * per command), from the platform's fresh administrator to a scored segmentation of real nuclei, with the defaults
 * the CLI and the platform offer. The administrator signs in with the generated password, makes a lab, a worker
 * credential and a project, builds a training set (three NIH-3T3 images and their binary masks from
 * {@code ../shared/data}) and a test set (two other images) in one call each, trains with every training setting
 * left to the platform (whose submit answer must carry a cost estimate), segments the test set, downloads the
 * outputs and checks the per-cell Jaccard index against the hand-made references. Skipped, with a message, when the
 * data is absent. Tagged {@code slow} (about 11 minutes on 2 cores: real training at the CLI's default budget): it runs
 * with {@code -Pslow}, not in the default suite.
 */
@Tag("slow")
class CliPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mean per-cell Jaccard index the CPU defaults must reach on the two test images (a global threshold: ~0.3-0.4). */
    private static final double JACCARD_FLOOR = 0.6;
    /** A first pipeline must not need more than this on the machine that runs it (the estimate's upper end). */
    private static final long MAX_ESTIMATE_SECONDS = 3600;

    private static Path nih3t3;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        nih3t3 = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).resolve("nuclei/nih3t3-hoechst");
        assumeTrue(Files.isDirectory(nih3t3.resolve("images")) && Files.isDirectory(nih3t3.resolve("masks")),
                "Real nuclei data not found at " + nih3t3.toAbsolutePath() + " (images/ and masks/); set "
                        + "-Dlabscale.data.dir to run the CLI pipeline test.");
    }

    /** Copies some of the NIH-3T3 images and their masks into {@code folder}/images and {@code folder}/masks. */
    private Path copy(String folder, List<String> names) throws Exception {
        Path root = dir.resolve(folder);
        for (String sub : List.of("images", "masks")) {
            Files.createDirectories(root.resolve(sub));
            for (String name : names) {
                Files.copy(nih3t3.resolve(sub).resolve(name), root.resolve(sub).resolve(name));
            }
        }
        return root;
    }

    private static CliProcess.Result ok(CliProcess.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static JsonNode json(CliProcess.Result r) throws Exception {
        return JSON.readTree(ok(r).out());
    }

    @Test
    void shouldGoFromAFreshAdministratorToScoredNucleiWithTheCliAlone() throws Exception {
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker(); // the CPU worker a local platform runs (as ./labscale up does), one thread
        Path train = copy("train", List.of("dna-0.png", "dna-1.png", "dna-26.png"));
        Path test = copy("test", List.of("dna-27.png", "dna-28.png"));
        CliProcess cli = new CliProcess(dir.resolve("config/cli.properties"));

        ok(cli.run(platform.adminPassword() + "\n", 60, "login", "--url", platform.apiUrl(), "--email",
                platform.adminEmail(), "--password-stdin"));
        String slug = "cli-pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        CliProcess.Result lab = ok(cli.run("labs", "create", "CLI pipeline", "--slug", slug));
        UUID.fromString(lab.out().strip());
        assertTrue(json(cli.run("labs", "list", "--json")).findValuesAsText("slug").contains(slug));

        // A credential for a worker of the lab's own (the platform's shared CPU worker serves it meanwhile).
        String workerToken = ok(cli.run("workers", "create", "--lab", slug, "lab-box-1")).out().strip();
        assertTrue(workerToken.startsWith("lsw_"), workerToken);
        JsonNode workers = json(cli.run("workers", "list", "--lab", slug, "--json"));
        assertEquals(List.of("lab-box-1"), workers.findValuesAsText("name"));

        String project = ok(cli.run("projects", "create", "--lab", slug, "NIH-3T3 Hoechst")).out().strip();
        JsonNode trainSet = json(cli.run(null, 300, "training-sets", "create", "--lab", slug, "--project", project,
                "--images", train.resolve("images").toString(), "--masks", train.resolve("masks").toString(),
                "--mask-kind", "BINARY_MASK", "--json", "NIH-3T3 train"));
        assertEquals(3, trainSet.get("version").get("items").size(), trainSet.toString());
        JsonNode testSet = json(cli.run(null, 300, "training-sets", "create", "--lab", slug, "--project", project,
                "--images", test.resolve("images").toString(), "--masks", test.resolve("masks").toString(),
                "--mask-kind", "BINARY_MASK", "--json", "NIH-3T3 test"));
        assertEquals(2, testSet.get("version").get("items").size(), testSet.toString());

        // Training with every setting left to the platform: the answer says what it will cost.
        JsonNode submitted = json(cli.run("jobs", "train", "--lab", slug, "--training-set", "NIH-3T3 train",
                "--model-name", "NIH-3T3 nuclei", "--json"));
        String training = submitted.get("id").asText();
        JsonNode estimate = submitted.get("estimate");
        assertTrue(estimate != null && !estimate.isNull(), "the submit answer carries no cost estimate: "
                + submitted.toPrettyString());
        long maxSeconds = estimate.get("maxSeconds").asLong();
        assertTrue(maxSeconds <= MAX_ESTIMATE_SECONDS, "the platform's default training would take up to "
                + maxSeconds + " s on this machine: " + estimate.toPrettyString());
        System.out.println("CLI pipeline: training estimate " + estimate);
        long started = System.nanoTime();
        int followFor = (int) Math.max(900, 3 * maxSeconds);
        CliProcess.Result trained = cli.run(null, followFor, "jobs", "follow", training);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(0, trained.exit(), trained.toString());
        System.out.println("CLI pipeline: training took " + seconds + " s (estimate " + estimate.get("seconds")
                + " s); follow printed " + trained.out().lines().count() + " lines");
        assertTrue(trained.out().contains("SUCCEEDED"), trained.toString());
        // A line per whole percent, per real move of the ETA and per state, and a heartbeat a minute: not per report.
        long lines = trained.out().lines().count();
        assertTrue(lines <= 120 + 3 * (seconds / 60), lines + " lines in " + seconds + " s:\n" + trained.out());
        JsonNode model = json(cli.run("models", "show", "--lab", slug, "NIH-3T3 nuclei", "--version", "1", "--json"));
        assertEquals(List.of("nuclear"), JSON.convertValue(model.get("card").get("channels"), List.class));

        // Segment the test set (its masks are the references), follow it, download the outputs, read the scores.
        String segmentation = ok(cli.run("jobs", "segment", "--lab", slug, "--model", "NIH-3T3 nuclei",
                "--training-set", "NIH-3T3 test")).out().strip();
        CliProcess.Result segmented = cli.run(null, 900, "jobs", "follow", segmentation);
        assertEquals(0, segmented.exit(), segmented.toString());
        Path zip = dir.resolve("segmentation.zip");
        ok(cli.run(null, 300, "jobs", "outputs", segmentation, "--zip", zip.toString()));
        Set<String> entries = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.contains("scores.json") && entries.stream().filter(e -> e.endsWith("/labels.tif"))
                .count() == 2, entries.toString());
        Path scoresFile = dir.resolve("scores.json");
        ok(cli.run("jobs", "outputs", segmentation, "--name", "scores.json", "-o", scoresFile.toString()));
        JsonNode scores = JSON.readTree(scoresFile.toFile());
        System.out.println("CLI pipeline: NIH-3T3 dna-27, dna-28 scores " + scores.get("overall"));
        assertEquals(2, scores.get("images").size(), scores.toPrettyString());
        JsonNode overall = scores.get("overall");
        assertNotNull(overall, scores.toPrettyString());
        assertTrue(overall.get("referenceCells").asInt() > 40, overall.toString());
        assertTrue(overall.get("meanJaccard").asDouble() >= JACCARD_FLOOR, "mean per-cell Jaccard "
                + overall.get("meanJaccard") + " below " + JACCARD_FLOOR + ": " + overall);

        // The lab's unused worker credential, revoked.
        String workerId = workers.get(0).get("id").asText();
        ok(cli.run("workers", "revoke", "--lab", slug, workerId));
        assertFalse(json(cli.run("workers", "list", "--lab", slug, "--json")).get(0).get("revokedAt").isNull());
    }
}
