package org.labscale.cli.command;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.ExitCodes;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.cli.http.HashingBodyPublisher;
import org.labscale.cli.http.MultipartBody;
import org.labscale.shared.image.CompleteUploadRequest;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.image.UploadRequest;
import org.labscale.shared.image.UploadTicketDto;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code images upload|list|update|download}. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "A project's microscopy images.",
        subcommands = {ImagesCommand.Upload.class, ImagesCommand.List.class, ImagesCommand.Update.class,
                ImagesCommand.Download.class})
public final class ImagesCommand extends Group {

    static void print(PrintWriter out, java.util.List<ImageDto> images) {
        Output.Table table = new Output.Table("ID", "NAME", "FORMAT", "SIZE", "CHANNELS", "FRAMES", "BITS", "BYTES",
                "SHA256");
        images.forEach(i -> table.row(i.id(), i.name(), i.format(), i.width() + "x" + i.height(), i.channels(),
                i.frames(), i.bitsPerSample(), Output.bytes(i.sizeBytes()), i.sha256()));
        table.print(out);
    }

    /** A readable regular file, or a usage error (exit 2) before anything is sent. */
    static Path readable(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage("Cannot read " + file + ": not a readable file.");
        }
        return file;
    }

    static String contentType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        return n.endsWith(".tif") || n.endsWith(".tiff") ? "image/tiff" : "application/octet-stream";
    }

    /**
     * The multipart body of an image upload: the file (or, for an image sent as one file per channel, the files in
     * channel order) streamed from disk, and the optional fields.
     */
    static MultipartBody multipartBody(java.util.List<Path> files, String name, PageMode pageMode,
                                       java.util.List<String> channels, Double pixelSize) {
        MultipartBody body = new MultipartBody();
        for (Path file : files) {
            try {
                body.file("file", file, contentType(file));
            } catch (FileNotFoundException e) {
                throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
            }
        }
        body.field("name", name);
        body.field("pageMode", pageMode == null ? null : pageMode.name());
        if (channels != null) {
            channels.forEach(c -> body.field("channelNames", c));
        }
        body.field("pixelSizeUm", pixelSize == null ? null : pixelSize.toString());
        return body;
    }

    /**
     * Uploads one image as multipart and checks that the platform stored the bytes sent (exit 3 otherwise).
     */
    static ImageDto upload(ApiClient api, UUID project, Path file, java.util.List<String> channels, Double pixelSize) {
        MultipartBody body = multipartBody(java.util.List.of(file), null, null, channels, pixelSize);
        ImageDto image = api.postMultipart("/api/v1/projects/" + project + "/images", body, ImageDto.class);
        checkStored(file, image, body.fileSha256());
        return image;
    }

    /** The platform stored what was sent, or the CLI says which image to delete (exit 3). */
    static void checkStored(Path file, ImageDto image, String sentSha256) {
        if (sentSha256 != null && !sentSha256.equalsIgnoreCase(image.sha256())) {
            throw CliException.unavailable("The platform stored " + file + " with SHA-256 " + image.sha256()
                    + " but " + sentSha256 + " was sent: the bytes changed in transit. Image " + image.id()
                    + " should be deleted and uploaded again.", null);
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = {"Upload TIFF or PNG images into a project, streamed from disk (any size the platform "
                    + "accepts). Prints each new image's id and SHA-256; the SHA-256 computed while sending is "
                    + "checked against the platform's.",
                    "Every file is tried; the exit status is that of the worst failure.",
                    "With --channel-files the FILEs are the channels of ONE image, one grey file each, in channel"
                            + " order (e.g. hela_phase.tif hela_dapi.tif --channel-files --channels phase,nuclear)."})
    static final class Upload extends ApiCommand {

        @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "Project id.")
        UUID project;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "TIFF or PNG files.")
        java.util.List<Path> files;

        @Option(names = "--page-mode", paramLabel = "MODE",
                description = "How a multi-page TIFF's pages are read: ${COMPLETION-CANDIDATES} (default CHANNELS).")
        PageMode pageMode;

        @Option(names = "--channels", paramLabel = "NAME", split = ",",
                description = "Channel names in page order, e.g. phase,nuclear.")
        java.util.List<String> channels;

        @Option(names = "--pixel-size", paramLabel = "UM", description = "Micrometres per pixel, e.g. 0.65.")
        Double pixelSize;

        @Option(names = "--name", paramLabel = "NAME", description = "Display name (one file only; default: the file name).")
        String name;

        @Option(names = "--channel-files",
                description = "The FILEs are one image's channels (one grey file each, in order), not separate images.")
        boolean channelFiles;

        @Option(names = "--presigned",
                description = "PUT the bytes straight to object storage with a presigned URL, then register the image.")
        boolean presigned;

        Upload(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (name != null && files.size() > 1 && !channelFiles) {
                throw CliException.usage("--name names one image; give one FILE, or leave --name out.");
            }
            files.forEach(ImagesCommand::readable);
            ApiClient api = ctx.api();
            if (channelFiles) {
                return channelFiles(api);
            }
            java.util.List<ImageDto> uploaded = new ArrayList<>();
            int worst = ExitCodes.OK;
            for (Path file : files) {
                try {
                    Sent sent = presigned ? presigned(api, file) : multipart(api, file);
                    checkStored(file, sent.image(), sent.sha256());
                    uploaded.add(sent.image());
                    if (!json()) {
                        out().println(sent.image().id() + "  " + sent.image().sha256() + "  " + file);
                    }
                } catch (CliException e) {
                    err().println("labscale-cli: " + file + ": " + e.getMessage());
                    worst = Math.max(worst, e.exitCode());
                    if (e.exitCode() == ExitCodes.UNAVAILABLE) {
                        break; // the platform is gone: the other files would fail the same way
                    }
                }
            }
            if (json()) {
                Output.json(out(), uploaded);
            }
            return worst;
        }

        private record Sent(ImageDto image, String sha256) {
        }

        /** One image from all the files, one per channel. */
        private Integer channelFiles(ApiClient api) {
            if (presigned) {
                throw CliException.usage("--channel-files sends the files in one request; leave --presigned out.");
            }
            if (files.size() < 2) {
                throw CliException.usage("--channel-files needs two or more FILEs, one per channel.");
            }
            ImageDto image = api.postMultipart("/api/v1/projects/" + project + "/images",
                    multipartBody(files, name, pageMode, channels, pixelSize), ImageDto.class);
            if (json()) {
                Output.json(out(), java.util.List.of(image));
            } else {
                out().println(image.id() + "  " + image.sha256() + "  " + files.stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(" + ")));
            }
            return ExitCodes.OK;
        }

        private Sent multipart(ApiClient api, Path file) {
            MultipartBody body = multipartBody(java.util.List.of(file), name, pageMode, channels, pixelSize);
            ImageDto image = api.postMultipart("/api/v1/projects/" + project + "/images", body, ImageDto.class);
            return new Sent(image, body.fileSha256());
        }

        private Sent presigned(ApiClient api, Path file) {
            long size;
            HashingBodyPublisher bytes;
            try {
                size = Files.size(file);
                bytes = new HashingBodyPublisher(BodyPublishers.ofFile(file));
            } catch (IOException e) {
                throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
            }
            UploadTicketDto ticket = api.post("/api/v1/projects/" + project + "/uploads",
                    new UploadRequest(file.getFileName().toString(), size), UploadTicketDto.class);
            api.putPresigned(ticket.url(), bytes);
            ImageDto image = api.post("/api/v1/uploads/" + ticket.uploadId() + "/complete",
                    new CompleteUploadRequest(name, pageMode, channels, pixelSize), ImageDto.class);
            return new Sent(image, bytes.sha256());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's images, oldest first.")
    static final class List extends ApiCommand {

        @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "Project id.")
        UUID project;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
                description = "At most N images (default ${DEFAULT-VALUE}).")
        int limit;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            var listing = api.list("/api/v1/projects/" + project + "/images", ImageDto.class, limit);
            if (json()) {
                Output.json(out(), listing.items());
            } else {
                print(out(), listing.items());
            }
            warnIfTruncated(listing, "images");
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change an image's name, channel names or pixel size (PATCH), or forget its pixel size;"
                    + " prints the image.",
                    "Training-set versions already frozen keep the pixel size they froze: freeze a new version to "
                            + "train on the new one."})
    static final class Update extends ApiCommand {

        @Parameters(index = "0", paramLabel = "IMAGE_ID", description = "Image id.")
        UUID image;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--channels", paramLabel = "NAMES", split = ",",
                description = "Channel names in page order, e.g. phase,nuclear.")
        java.util.List<String> channels;

        @Option(names = "--pixel-size", paramLabel = "UM", description = "Micrometres per pixel, e.g. 0.65.")
        Double pixelSize;

        @Option(names = "--clear-pixel-size", description = "Forget the pixel size: unknown again (models segment"
                + " the image as uploaded).")
        boolean clearPixelSize;

        Update(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (name == null && channels == null && pixelSize == null && !clearPixelSize) {
                throw CliException.usage("Give --name, --channels, --pixel-size or --clear-pixel-size.");
            }
            if (clearPixelSize && pixelSize != null) {
                throw CliException.usage("Give --pixel-size or --clear-pixel-size, not both.");
            }
            ApiClient api = ctx.api();
            Map<String, Object> changes = new java.util.LinkedHashMap<>(); // the fields given, nothing else
            TrainCommand.put(changes, "name", name);
            TrainCommand.put(changes, "channelNames", channels);
            TrainCommand.put(changes, "pixelSizeUm", pixelSize);
            ImageDto updated = null;
            if (clearPixelSize) {
                updated = api.<ImageDto>send("DELETE", "/api/v1/images/" + image + "/pixel-size", null, Map.of(),
                        api.json().constructType(ImageDto.class)).body();
            }
            if (!changes.isEmpty()) {
                updated = api.<ImageDto>send("PATCH", "/api/v1/images/" + image, changes, Map.of(),
                        api.json().constructType(ImageDto.class)).body();
            }
            if (json()) {
                Output.json(out(), updated);
            } else {
                out().println(updated.id() + "  " + updated.name() + "  " + (updated.pixelSizeUm() == null
                        ? "no pixel size" : updated.pixelSizeUm() + " um per pixel"));
            }
            return 0;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download an image's original file, checking its SHA-256.")
    static final class Download extends ApiCommand {

        @Parameters(index = "0", paramLabel = "IMAGE_ID", description = "Image id.")
        UUID image;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where to write it ('-' for standard output; a folder keeps the platform's file name). "
                        + "Default: the platform's file name in the current folder.")
        String output;

        Download(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws IOException {
            ApiClient api = ctx.api();
            ImageDto meta = api.get("/api/v1/images/" + image, ImageDto.class);
            String path = "/api/v1/images/" + image + "/original";
            if ("-".equals(output)) {
                ApiClient.Download d = api.download(path, System.out);
                check(meta, d, "standard output");
                return 0;
            }
            Path target = output == null ? Path.of("") : Path.of(output);
            Path dir = output == null || Files.isDirectory(target) ? target
                    : target.toAbsolutePath().getParent();
            Files.createDirectories(dir.toAbsolutePath());
            Path tmp = Files.createTempFile(dir.toAbsolutePath(), ".labscale-download-", ".part");
            try {
                ApiClient.Download d;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    d = api.download(path, out);
                }
                Path file = output != null && !Files.isDirectory(target) ? target
                        : dir.resolve(safeName(d.fileName().orElse(meta.name())));
                check(meta, d, file.toString());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                if (json()) {
                    Output.json(out(), meta);
                } else {
                    out().println(file);
                    err().println("Downloaded " + meta.name() + " (" + Output.bytes(d.bytes()) + ", sha256 "
                            + d.sha256() + ").");
                }
                return 0;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static void check(ImageDto meta, ApiClient.Download d, String where) {
            if (meta.sha256() != null && !meta.sha256().equalsIgnoreCase(d.sha256())) {
                throw CliException.unavailable("The bytes received for image " + meta.id() + " have SHA-256 "
                        + d.sha256() + ", not the stored " + meta.sha256() + "; " + where + " is not the original.",
                        null);
            }
        }

        /** Only the last path element of a name the server chose: a download never writes outside its folder. */
        static String safeName(String name) {
            String base = name.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1).strip();
            return base.isEmpty() || base.equals(".") || base.equals("..") ? "image" : base;
        }
    }
}
