package org.labscale.cli.command;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.labscale.cli.CliException;
import org.labscale.cli.http.ApiClient;

/**
 * Downloads into a file through a temporary {@code .part} beside it, moved into place only when the whole body
 * arrived (and, when a SHA-256 is expected, matched it): a broken download never leaves a truncated file.
 */
final class SaveFile {

    private SaveFile() {
    }

    /**
     * @param expectedSha256 null: not checked
     * @param what           names the content in errors, e.g. "member 0 of model 'HeLa' v2"
     */
    static ApiClient.Download save(ApiClient api, String path, Path file, String expectedSha256, String what)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".labscale-download-", ".part");
        try {
            ApiClient.Download d;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                d = api.download(path, out);
            }
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(d.sha256())) {
                throw CliException.unavailable("The bytes received for " + what + " have SHA-256 " + d.sha256()
                        + ", not the registered " + expectedSha256 + "; " + file + " was not written.", null);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return d;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
