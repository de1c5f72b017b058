package org.labscale.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.labscale.cli.CliException;
import org.labscale.cli.http.ApiClient;

/** Sends a package zip (a bioimage.io model or a training set) to an import endpoint, with an optional new name. */
final class PackageUpload {

    private PackageUpload() {
    }

    static <T> T post(ApiClient api, String path, Path zip, String name, Class<T> answer) {
        if (!Files.isRegularFile(zip)) {
            throw CliException.usage("No such file: " + zip);
        }
        String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return api.postFile(path + query, zip, "application/zip", answer);
    }
}
