package org.labscale.api.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.elytron.security.common.BcryptUtil;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;
import org.labscale.api.config.LabscaleConfig;

/** bcrypt password hashes, and the rules a new password must meet. */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads at most 72 bytes. */
    public static final int MAX_LENGTH = 72;
    public static final int MIN_LENGTH = 10;

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

    /** Throws 400 when the password breaks a rule. */
    public void checkAcceptable(String password, String field) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiException.invalidField(field, "A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ApiException.invalidField(field, "A password may have at most " + MAX_LENGTH + " bytes.");
        }
    }

    /** A random password for generated accounts. */
    public String generate() {
        return Hashing.randomSecret(15);
    }
}
