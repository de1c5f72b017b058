package org.labscale.api.model.bioimageio;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.export.BakedEnsemble;
import org.labscale.bioimageio.imports.PackageImporter;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.shared.model.ModelCard;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishing validates: before a version is shared with a lab or made public, its card must be complete (an SPDX
 * licence, authors, a description, a cover) and its stored test input, run through its stored graph, must give its
 * stored test output within bioimage.io's tolerance. A version Labscale trained gets its test tensors and cover the
 * first time (made from a stored training image, the graph's output checked against the platform's own prediction);
 * an imported one has its package's. A failure is a 409 {@code publish.card-incomplete} or
 * {@code publish.test-output-mismatch} saying what is missing or what differed.
 */
@ApplicationScoped
public class PublishCheck {

    @Inject
    VersionFiles files;

    @Inject
    BioimageioExport export;

    @Inject
    ObjectMapper mapper;

    /** Throws the 409 that refuses the publish, or returns. Call outside a transaction: it may run for seconds. */
    public void require(ModelVersionEntity v) {
        ModelCard card = mapper.convertValue(v.card, ModelCard.class);
        List<String> missing = new java.util.ArrayList<>(CardCheck.forPublishing(card));
        boolean imported = CardCheck.imported(card);
        if (!missing.isEmpty()) {
            throw refused("publish.card-incomplete", "The model card is incomplete: " + String.join("; ", missing)
                    + ".", missing);
        }
        if (!imported && stored(v, VersionFiles.TEST_OUTPUT).isEmpty()) {
            try {
                export.ensureTestFiles(v.id);
            } catch (ApiException e) {
                throw refused("publish.no-test-input", e.getMessage(), List.of("test input"));
            }
        }
        if (stored(v, VersionFiles.COVER).isEmpty()) {
            throw refused("publish.card-incomplete", "The model card is incomplete: cover.", List.of("cover"));
        }
        byte[] input = stored(v, VersionFiles.TEST_INPUT).orElseThrow();
        byte[] output = stored(v, VersionFiles.TEST_OUTPUT).orElseThrow();
        List<byte[]> members = QuarkusTransaction.requiringNew().call(() -> files.members(v.labId, v.id));
        TestTensorComparison c;
        try {
            if (imported) {
                c = PackageImporter.runTest(members.get(0), BioimageioImport.runSpec(mapper, card), input, output);
            } else {
                try (GraphRunner graph = new GraphRunner(BakedEnsemble.build(members),
                        Runtime.getRuntime().availableProcessors())) {
                    c = TestTensorComparison.compare(graph.run(Npy.read(input)), Npy.read(output));
                }
            }
        } catch (PackageImporter.Refused | GraphRunner.GraphException | Npy.NpyException e) {
            throw refused("publish.test-output-mismatch", "The version cannot run its stored test input: "
                    + e.getMessage(), List.of());
        }
        if (!c.passes()) {
            throw refused("publish.test-output-mismatch", "The stored test input does not give the stored test"
                    + " output: " + c.describe(), List.of());
        }
    }

    private Optional<byte[]> stored(ModelVersionEntity v, String name) {
        return QuarkusTransaction.requiringNew().call(() -> files.file(v.labId, v.id, name));
    }

    private static ApiException refused(String code, String message, List<String> missing) {
        return new ApiException(409, code, "Publishing is refused. " + message, Map.of("missing", missing));
    }
}
