package org.labscale.api.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PlatformTestResource} for every test of this module. */
@QuarkusTestResource(PlatformTestResource.class)
public class PlatformTestProfile {
}
