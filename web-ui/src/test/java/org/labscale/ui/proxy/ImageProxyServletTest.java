package org.labscale.ui.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The proxy passes only the viewer's read-only image paths to the API, and lets no shared cache keep an answer. */
class ImageProxyServletTest {

    private static final String ID = "0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70";

    @Test
    void shouldAllowTheViewersReads() {
        for (String path : new String[] {"images/" + ID + "/thumbnail", "images/" + ID + "/tiles/3/12/7.png",
                "images/" + ID + "/histogram", "images/" + ID + "/values", "annotations/" + ID + "/versions/2/class-map",
                "annotations/" + ID + "/versions/2/class-map/tiles/4/0/1.png"}) {
            assertTrue(ImageProxyServlet.ALLOWED.matcher(path).matches(), path);
        }
    }

    @Test
    void shouldRefuseEverythingElse() {
        for (String path : new String[] {"images/" + ID, "images/" + ID + "/original", "labs", "me/tokens",
                "images/" + ID + "/tiles/0/0/0.png/../../../../me", "images/../me/tokens", "projects/" + ID + "/images",
                "images/not-an-id/thumbnail", "annotations/" + ID + "/versions/2/mask",
                "annotations/" + ID + "/versions/2/class-map/tiles/4/0/../../../mask",
                "annotations/" + ID + "/versions/2/class-map/tiles"}) {
            assertFalse(ImageProxyServlet.ALLOWED.matcher(path).matches(), path);
        }
    }

    @Test
    void shouldLetOnlyTheBrowsersOwnCacheKeepAnAnswer() {
        assertEquals("private, max-age=31536000, immutable",
                ProxyRequests.privateOnly("private, max-age=31536000, immutable"));
        assertEquals("no-store", ProxyRequests.privateOnly("no-store"));
        assertEquals("private, max-age=86400", ProxyRequests.privateOnly("public, max-age=86400"));
        assertEquals("private, max-age=60, immutable", ProxyRequests.privateOnly("max-age=60, public, immutable"));
        assertEquals("private, max-age=60", ProxyRequests.privateOnly("max-age=60"));
        assertEquals("private", ProxyRequests.privateOnly("public"));
        assertNull(ProxyRequests.privateOnly(null));
    }

    @Test
    void shouldKnowAThumbnailsImageIdForThePagesBatch() {
        java.util.regex.Matcher m = ImageProxyServlet.THUMBNAIL.matcher("images/" + ID + "/thumbnail");
        assertTrue(m.matches());
        assertEquals(ID, m.group(1));
        assertFalse(ImageProxyServlet.THUMBNAIL.matcher("images/" + ID + "/tiles/0/0/0.png").matches());
        assertFalse(ImageProxyServlet.THUMBNAIL.matcher("images/" + ID + "/thumbnail/x").matches());
    }
}
