package org.labscale.bioimageio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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

    /** The vendor package as a zip, its description edited by {@code edit}, a file replaced where given. */
    public static byte[] unetZip(UnaryOperator<String> edit, Map<String, byte[]> replaced) throws Exception {
        Path dir = unet();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        files.putAll(replaced);
        // The vendor file has CRLF line ends; edits are written with LF.
        String yaml = edit.apply(new String(files.remove("bioimageio.yaml"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("unet2d_nuclei_broad/bioimageio.yaml"));
            zip.write(yaml.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry("unet2d_nuclei_broad/" + f.getKey()));
                zip.write(f.getValue());
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] unetZip() throws Exception {
        return unetZip(UnaryOperator.identity(), Map.of());
    }

}
