package org.labscale.launcher.platform;

/**
 * What the apps need to know once PostgreSQL and S3Proxy run.
 *
 * @param jdbcUrl    the platform database
 * @param dbUsername its user (the superuser of the embedded cluster)
 */
public record PlatformContext(PlatformConfig config, Secrets secrets, String jdbcUrl, String dbUsername) {
}
