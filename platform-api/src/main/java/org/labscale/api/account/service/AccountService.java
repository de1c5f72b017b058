package org.labscale.api.account.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.account.persistence.ApiTokenEntity.Kind;
import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.account.service.TokenService.IssuedToken;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.shared.account.ChangePasswordRequest;
import org.labscale.shared.account.CreateUserRequest;
import org.labscale.shared.account.CreatedUserDto;
import org.labscale.shared.account.LoginRequest;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.account.MeDto;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.account.UserDto;
import org.labscale.shared.api.PageDto;

/** Accounts: sign-in, the caller's profile, password changes, and accounts made by administrators. */
@ApplicationScoped
public class AccountService {

    @Inject
    Clock clock;

    @Inject
    PasswordHasher passwords;

    @Inject
    PasswordPolicy policy;

    @Inject
    LoginThrottle throttle;

    @Inject
    TokenService tokens;

    @Inject
    LabscaleConfig config;

    /**
     * A session token for valid credentials; the same 401, in the same time, for an unknown e-mail and a wrong
     * password, and 429 while the e-mail or the client {@code address} must wait ({@link LoginThrottle}).
     */
    @Transactional
    public LoginResponse login(LoginRequest request, String address) {
        if (request == null || request.email() == null || request.password() == null) {
            throw ApiException.badRequest("request.missing-field", "Send {email, password}.");
        }
        String email = request.email().trim();
        throttle.checkAllowed(email, address);
        UserEntity user = UserEntity.findByEmail(email).orElse(null);
        if (user == null || user.disabled) {
            passwords.burn(request.password());
            throttle.failed(email, address);
            throw invalidCredentials();
        }
        if (!passwords.matches(request.password(), user.passwordHash)) {
            throttle.failed(email, address);
            throw invalidCredentials();
        }
        throttle.succeeded(email);
        IssuedToken issued = tokens.issue(user.id, Kind.SESSION, "session", TokenScope.READ_WRITE,
                config.auth().sessionTtl());
        return new LoginResponse(issued.secret(), issued.entity().expiresAt, user.toDto());
    }

    private static ApiException invalidCredentials() {
        return ApiException.unauthorized("auth.invalid-credentials", "The e-mail address or the password is wrong.");
    }

    @Transactional
    public MeDto me(UUID userId) {
        UserEntity user = UserEntity.findById(userId);
        List<MembershipDto> memberships = MembershipEntity.forUser(userId).stream()
                .map(m -> new MembershipDto(m.lab.id, m.lab.name, m.lab.slug, m.role)).toList();
        return new MeDto(user.id, user.email, user.displayName, user.platformAdmin, memberships);
    }

    @Transactional
    public UserDto rename(UUID userId, String displayName) {
        UserEntity user = UserEntity.findById(userId);
        user.displayName = Texts.required(displayName, "displayName", 200);
        user.updatedAt = clock.instant();
        return user.toDto();
    }

    /** Changes the password and revokes every other token of the user. */
    @Transactional
    public void changePassword(UUID userId, UUID currentToken, ChangePasswordRequest request) {
        UserEntity user = UserEntity.findById(userId);
        if (request == null || !passwords.matches(request.currentPassword(), user.passwordHash)) {
            throw ApiException.forbidden("auth.wrong-current-password", "The current password is wrong.");
        }
        policy.check(request.newPassword(), "newPassword", user.email, user.displayName);
        user.passwordHash = passwords.hash(request.newPassword());
        user.updatedAt = clock.instant();
        tokens.revokeAll(userId, currentToken);
    }

    /** Creates an account; without a password one is generated and returned once. */
    @Transactional
    public CreatedUserDto create(CreateUserRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {email, displayName, password}.");
        }
        String email = Texts.email(request.email(), "email");
        String displayName = Texts.required(request.displayName(), "displayName", 200);
        String password = request.password();
        String generated = null;
        if (password == null) {
            generated = passwords.generate();
            password = generated;
        } else {
            policy.check(password, "password", email, displayName);
        }
        UserEntity user = newUser(email, displayName, password,
                Boolean.TRUE.equals(request.platformAdmin()));
        return new CreatedUserDto(user.toDto(), generated);
    }

    /** Persists a new account; 409 when the e-mail is taken. */
    @Transactional
    public UserEntity newUser(String email, String displayName, String password, boolean admin) {
        if (UserEntity.findByEmail(email).isPresent()) {
            throw ApiException.conflict("user.email-taken", "An account with e-mail " + email + " already exists.");
        }
        Instant now = clock.instant();
        UserEntity user = new UserEntity();
        user.id = UUID.randomUUID();
        user.email = email;
        user.displayName = displayName;
        user.passwordHash = passwords.hash(password);
        user.platformAdmin = admin;
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        return user;
    }

    @Transactional
    public PageDto<UserDto> list(Paging paging) {
        return paging.apply(UserEntity.<UserEntity>findAll(io.quarkus.panache.common.Sort.by("email")), UserEntity::toDto);
    }

    /** Disables or enables an account; disabling revokes its tokens. */
    @Transactional
    public UserDto setDisabled(UUID userId, boolean disabled) {
        UserEntity user = UserEntity.<UserEntity>findByIdOptional(userId)
                .orElseThrow(() -> ApiException.notFound("user", userId));
        user.disabled = disabled;
        user.updatedAt = clock.instant();
        if (disabled) {
            tokens.revokeAll(userId, null);
        }
        return user.toDto();
    }
}
