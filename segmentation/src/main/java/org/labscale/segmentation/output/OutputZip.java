package org.labscale.segmentation.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams every regular file under a folder into one zip (entries named by their path relative to the folder, with
 * forward slashes, in sorted order), copying file by file so memory stays constant whatever the outputs weigh.
 */
public final class OutputZip {

    private OutputZip() {
    }

    public static void write(Path folder, OutputStream target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ZipOutputStream zip = new ZipOutputStream(target);
        for (Path file : files) {
            zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
    }
}
