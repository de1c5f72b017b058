package org.labscale.api.account.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the worker protocol's resources: they accept only worker tokens ({@code lsw_...}), and worker tokens are
 * accepted nowhere else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WorkerEndpoint {
}
