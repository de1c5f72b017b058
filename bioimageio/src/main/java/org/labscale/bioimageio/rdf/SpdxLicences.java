package org.labscale.bioimageio.rdf;

import java.util.List;
import java.util.Set;

/**
 * The SPDX licence identifiers Labscale accepts on a model card that is shared, published or exported: the licences
 * that models, data and code are commonly released under (every one of them is in bioimage.io's own list, which a
 * test checks against the specification's schema). Identifiers are compared exactly, as SPDX writes them.
 */
public final class SpdxLicences {

    public static final Set<String> IDS = Set.copyOf(List.of(
            "0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause",
            "BSD-3-Clause", "BSD-3-Clause-Clear", "BSL-1.0", "CC-BY-2.0", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-NC-4.0",
            "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
            "CDLA-Permissive-2.0", "CECILL-2.1", "EPL-2.0", "EUPL-1.2", "GPL-2.0-only", "GPL-2.0-or-later",
            "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
            "LGPL-3.0-or-later", "MIT", "MIT-0", "MPL-2.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "Unlicense",
            "Zlib"));

    private SpdxLicences() {
    }

    public static boolean valid(String id) {
        return id != null && IDS.contains(id);
    }
}
