package org.labscale.api.account.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that revokes a token: a read-scoped token may call it for itself (its own id as the
 * {@code tokenId} path parameter, or no such parameter: the token sent), so that a leaked read token can be
 * withdrawn by whoever holds it. Revoking another token still needs READ_WRITE.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RevokesOwnToken {
}
