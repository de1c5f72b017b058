package org.labscale.api.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.elytron.security.common.BcryptUtil;

import org.labscale.api.common.Hashing;
import org.labscale.api.config.LabscaleConfig;

/** bcrypt password hashes (the rules a new password must meet are {@link PasswordPolicy}'s). */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String dummyHash;

    @Inject
    public PasswordHasher(LabscaleConfig config) {
        this.cost = config.auth().bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash(Hashing.randomSecret(16), cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        return password != null && BcryptUtil.matches(password, hash);
    }

    /** Spends the time of a real check, so a wrong e-mail and a wrong password take equally long. */
    public void burn(String password) {
        BcryptUtil.matches(password == null ? "" : password, dummyHash);
    }

    /** A random password for generated accounts. */
    public String generate() {
        return Hashing.randomSecret(15);
    }
}
