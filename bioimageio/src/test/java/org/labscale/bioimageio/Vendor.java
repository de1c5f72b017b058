package org.labscale.bioimageio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The third-party files of {@code ../shared/vendor} (property {@code labscale.vendor.dir}) and {@code ../shared/data}
 * ({@code labscale.data.dir}); tests that need them are skipped, saying so, when absent.
 */
public final class Vendor {

    private static JsonSchema schema;

    private Vendor() {
    }

    public static Path bioimageio() {
        Path dir = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor")).resolve("bioimageio");
        assumeTrue(Files.isRegularFile(dir.resolve("bioimageio_schema.json")),
                "bioimage.io vendor files absent at " + dir.toAbsolutePath() + "; skipped");
        return dir;
    }

    public static Path unet() {
        return bioimageio().resolve("unet2d_nuclei_broad");
    }

    public static Path data() {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"));
        assumeTrue(Files.isDirectory(dir.resolve("nuclei")), "shared data absent at " + dir.toAbsolutePath()
                + "; skipped");
        return dir;
    }

    /** The messages of validating {@code rdfYaml} against the specification's JSON schema (empty: valid). */
    public static synchronized Set<ValidationMessage> validate(String rdfYaml) throws Exception {
        if (schema == null) {
            JsonNode node = new ObjectMapper().readTree(bioimageio().resolve("bioimageio_schema.json").toFile());
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
        return schema.validate(new ObjectMapper(new YAMLFactory()).readTree(rdfYaml));
    }
}
