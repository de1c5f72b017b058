package org.labscale.api.job;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobMetrics;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.shared.job.JobKind;

/**
 * The KEDA example ({@code docker/k8s/gpu-worker-scaledobject.yaml}) scales on metrics this API exports: every
 * {@code labscale_*} selector in it names an exported metric, with labels that metric has, and kinds that exist.
 */
@QuarkusTest
class KedaExampleTest {

    /** Metrics are served on the management interface only. */
    @TestHTTPResource(value = "metrics", management = true) // under the management root, /q
    URL metricsUrl;

    private static final Path EXAMPLE = Path.of("..", "docker", "k8s", "gpu-worker-scaledobject.yaml");
    private static final Pattern SELECTOR = Pattern.compile("(labscale_[a-z_]+)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*=~?\\s*\"([^\"]*)\"");

    @Inject
    JobMetrics metrics;

    @Test
    void shouldQueryOnlyExportedMetricsAndLabels() throws Exception {
        User alice = Api.newUser("Keda");
        UUID lab = Api.newLab(alice, "Keda Lab");
        Workers.selfTest(alice, lab, Map.of());
        Workers.selfTest(alice, lab, Map.of());
        Workers.forLab(alice, lab, "box").register("CPU", 0).leaseOne(); // one queued, one running
        metrics.refresh();
        String exported = given().get(metricsUrl).then().statusCode(200).extract().asString();

        String example = Files.readString(EXAMPLE);
        Matcher selector = SELECTOR.matcher(example);
        Map<String, String> checked = new LinkedHashMap<>();
        while (selector.find()) {
            String metric = selector.group(1);
            Set<String> labels = labelsOf(exported, metric);
            assertFalse(labels.isEmpty(), metric + " (used in " + EXAMPLE + ") is not exported on /q/metrics");
            Matcher m = MATCHER.matcher(selector.group(2));
            while (m.find()) {
                assertTrue(labels.contains(m.group(1)), metric + " has no label " + m.group(1) + "; it has " + labels);
                if (m.group(1).equals("kind")) {
                    String kind = m.group(2);
                    assertDoesNotThrow(() -> JobKind.valueOf(kind), "kind=\"" + kind + "\" is none of "
                            + Arrays.toString(JobKind.values()));
                }
            }
            checked.put(metric, selector.group(2));
        }
        assertTrue(checked.keySet().containsAll(List.of("labscale_queue_depth", "labscale_jobs_running")),
                "the example scales on queue depth and running jobs: " + checked);
    }

    /** The label names of the exported series of {@code metric}. */
    private static Set<String> labelsOf(String exported, String metric) {
        return exported.lines().filter(l -> l.startsWith(metric + "{"))
                .flatMap(l -> Arrays.stream(l.substring(metric.length() + 1, l.indexOf('}')).split(",")))
                .map(pair -> pair.substring(0, pair.indexOf('='))).collect(Collectors.toSet());
    }
}
