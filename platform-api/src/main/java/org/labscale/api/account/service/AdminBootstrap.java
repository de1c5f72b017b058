package org.labscale.api.account.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;
import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.config.LabscaleConfig;

/**
 * On the very first start, creates the platform administrator with a freshly generated password (never a fixed
 * default) and writes it to the configured file, readable by its owner only.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    LabscaleConfig config;

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher passwords;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (UserEntity.anyAdmin()) {
            return;
        }
        String email = config.admin().email().toLowerCase();
        String password = passwords.generate();
        accounts.newUser(email, "Administrator", password, true);
        config.admin().passwordFile().ifPresentOrElse(file -> {
            write(file, password);
            LOG.infof("Created the first administrator %s; the password is in %s", email, file);
        }, () -> LOG.infof("Created the first administrator %s with password %s (shown once)", email, password));
    }

    private static void write(Path file, String password) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, password + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file keeps its default permissions
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the administrator's password to " + file, e);
        }
    }
}
