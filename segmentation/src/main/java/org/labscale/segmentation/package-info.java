/** Segmentation of microscopy images with trained conv-net ensembles (Van Valen et al. 2016). */
package org.labscale.segmentation;
