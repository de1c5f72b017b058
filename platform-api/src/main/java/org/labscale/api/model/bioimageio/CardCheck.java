package org.labscale.api.model.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.labscale.bioimageio.rdf.SpdxLicences;
import org.labscale.shared.model.ModelCard;

/** What a model card lacks for a bioimage.io package or for publishing: one sentence per missing or invalid field. */
final class CardCheck {

    private CardCheck() {
    }

    /** Export needs a valid licence and at least one author. */
    static List<String> forExport(ModelCard card) {
        List<String> problems = new ArrayList<>();
        String licence = card.licence();
        if (licence == null || licence.isBlank()) {
            problems.add("licence (an SPDX id, e.g. CC-BY-4.0)");
        } else if (!SpdxLicences.valid(licence)) {
            problems.add("licence '" + licence + "' is not an SPDX id Labscale accepts (e.g. CC-BY-4.0, MIT,"
                    + " Apache-2.0)");
        }
        if (card.authors() == null || card.authors().stream().allMatch(a -> a == null || a.isBlank())) {
            problems.add("authors (at least one)");
        }
        return problems;
    }

    /** Publishing also needs a description. */
    static List<String> forPublishing(ModelCard card) {
        List<String> problems = forExport(card);
        if (card.description() == null || card.description().isBlank()) {
            problems.add("description");
        }
        return problems;
    }

    /** Whether the version was imported from a bioimage.io package (its card says how to run it). */
    static boolean imported(ModelCard card) {
        return card.provenance() != null && card.provenance().get(BioimageioImport.PROVENANCE_KEY) instanceof Map;
    }
}
