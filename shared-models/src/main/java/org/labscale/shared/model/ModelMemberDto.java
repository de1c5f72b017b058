package org.labscale.shared.model;

/**
 * One ensemble member of a model version: an ONNX file.
 *
 * @param index     0 .. ensembleSize-1
 * @param sha256    SHA-256 of the ONNX file, computed by the API when it registered the version
 * @param sizeBytes its size
 */
public record ModelMemberDto(int index, String sha256, long sizeBytes) {
}
