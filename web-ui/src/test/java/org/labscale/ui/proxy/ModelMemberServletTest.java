package org.labscale.ui.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelMemberServletTest {

    @Test
    void passesOnlyModelMembers() {
        String lab = UUID.randomUUID().toString();
        String model = UUID.randomUUID().toString();
        assertTrue(ModelMemberServlet.ALLOWED.matcher("labs/" + lab + "/models/" + model + "/versions/3/members/0")
                .matches());
        for (String path : List.of("labs/" + lab + "/models/" + model + "/versions/3/grants",
                "labs/" + lab + "/models/" + model + "/versions/3/members/0/../../../grants",
                "labs/" + lab + "/jobs", "me/tokens", "labs/x/models/" + model + "/versions/1/members/0")) {
            assertFalse(ModelMemberServlet.ALLOWED.matcher(path).matches(), path);
        }
    }

    @Test
    void passesOnlyTheTwoPackageZips() {
        String lab = UUID.randomUUID().toString();
        String model = UUID.randomUUID().toString();
        String set = UUID.randomUUID().toString();
        assertTrue(ModelMemberServlet.PACKAGES.matcher("labs/" + lab + "/models/" + model + "/versions/2/bioimageio")
                .matches());
        assertTrue(ModelMemberServlet.PACKAGES.matcher("training-sets/" + set + "/versions/1/package").matches());
        for (String path : List.of("training-sets/" + set + "/versions/1", "training-sets/" + set
                        + "/versions/1/grants", "labs/" + lab + "/training-sets/import", "training-sets/x/versions/1/package",
                "labs/" + lab + "/models/" + model + "/versions/2/bioimageio/../grants")) {
            assertFalse(ModelMemberServlet.PACKAGES.matcher(path).matches(), path);
        }
    }
}
