package org.labscale.worker.handler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * The objects a job stores. Only the names the lease offers ({@code LeaseDto.outputs()}) may be written; each goes to a
 * file in the attempt's private work folder, and the worker PUTs it to its presigned URL once the handler succeeded.
 * Outputs of an attempt that was cancelled, lost its lease or was handed back are deleted, never uploaded.
 */
public interface OutputWriter {

    /** Names the lease lets this job store. */
    Set<String> allowed();

    /** Writes a whole output at once (replacing what was written under that name). */
    void write(String name, byte[] content) throws IOException;

    /** Streams an output (replacing what was written under that name); the caller closes the stream. */
    OutputStream open(String name) throws IOException;

    /** The file behind an output, for libraries that want a path; it counts as written once it exists. */
    Path file(String name);
}
