package org.labscale.segmentation.output;

/** File names of a segmentation job's outputs (per image under {@code <imageId>/}). */
public final class OutputNames {

    public static final String LABELS_TIFF = "labels.tif";
    public static final String LABELS_PNG = "labels.png";
    public static final String PROBABILITIES = "probabilities.tif";
    public static final String OVERLAY = "overlay.png";
    public static final String CSV = "cells.csv";
    public static final String SCORES = "scores.json";
    public static final String REPORT = "report.json";

    private OutputNames() {
    }
}
