package org.labscale.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import com.vaadin.flow.server.VaadinRequest;
import org.labscale.shared.account.LoginResponse;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.lab.LabRequest;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.MembershipDto;
import org.labscale.shared.account.Role;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.lab.AcceptInvitationRequest;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;
import org.labscale.shared.lab.MemberDto;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.ImageUpdateRequest;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.image.ThumbnailsDto;
import java.nio.file.Path;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.session.SessionStore;
import org.labscale.ui.session.SignedInUser;
import org.labscale.ui.session.ThumbnailBatch;
import org.jboss.logging.Logger;

/**
 * The one service the views call: signs the browser session in and out and fetches or creates labs and projects
 * with the session's token.
 *
 * <p>Failures reach the views as an {@link ApiException} (its message is fit to show) or, when the API no longer
 * accepts the session's token, as a {@link NotSignedInException} after the session has been cleared, so the view
 * can send the user back to the login page.
 */
@ApplicationScoped
public class LabscaleService {

    /** Page size for list calls; lists are fetched whole, page by page, up to {@link #MAX_ITEMS}. */
    static final int PAGE_SIZE = 100;
    static final int MAX_ITEMS = 2_000;
    static final String SESSION_ENDED = "Your session has ended. Please sign in again.";

    private static final Logger LOG = Logger.getLogger(LabscaleService.class);
    /** Threads of {@link #startRead}: they only wait for the API. */
    private static final ExecutorService READS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "labscale-ui-read");
        t.setDaemon(true);
        return t;
    });

    /** Files sent to the API at once by {@link #startSend}. */
    static final int SENDING = 4;
    private static final ExecutorService SENDS = Executors.newFixedThreadPool(SENDING, r -> {
        Thread t = new Thread(r, "labscale-ui-send");
        t.setDaemon(true);
        return t;
    });

    private final LabscaleApiClient api;
    private final SessionStore sessions;
    private final Clock clock;

    public LabscaleService(LabscaleApiClient api, SessionStore sessions, Clock clock) {
        this.api = api;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The API's root URL, for messages and the login page's footer. */
    public URI apiUrl() {
        return api.baseUrl();
    }

    /**
     * Signs in with the API and keeps the token in this session.
     *
     * @throws ApiException with the API's message (e.g. wrong password) or the unreachable sentence
     */
    public SignedInUser signIn(String email, String password) {
        VaadinRequest request = VaadinRequest.getCurrent();
        LoginResponse login = api.login(email == null ? "" : email.strip(), password == null ? "" : password,
                request == null ? null : request.getRemoteAddr());
        SignedInUser user = new SignedInUser(login.token(), login.expiresAt(), login.user());
        sessions.set(user);
        return user;
    }

    /** Revokes the token at the API (best effort: an unreachable API must not keep anyone signed in) and forgets it. */
    public void signOut() {
        Optional<SignedInUser> user = sessions.get();
        sessions.clear();
        user.ifPresent(u -> {
            try {
                api.logout(u.token());
            } catch (ApiException e) {
                LOG.infof("Sign-out: the API did not revoke the token of %s: %s", u.user().email(), e.getMessage());
            }
        });
    }

    /** The signed-in user, unless there is none or the token has expired (then the session is cleared). */
    public Optional<SignedInUser> currentUser() {
        Optional<SignedInUser> user = sessions.get();
        if (user.isPresent() && user.get().isExpiredAt(clock.instant())) {
            sessions.clear();
            return Optional.empty();
        }
        return user;
    }

    public boolean isSignedIn() {
        return currentUser().isPresent();
    }

    /** All labs the user belongs to, with their role in each. */
    public List<LabDto> labs() {
        return withToken(token -> all(page -> api.labs(token, page, PAGE_SIZE)));
    }

    /** Creates a lab owned by the user. */
    public LabDto createLab(LabRequest lab) {
        return withToken(token -> api.createLab(token, lab));
    }

    /** All projects of a lab. */
    public List<ProjectDto> projects(UUID labId) {
        return withToken(token -> all(page -> api.projects(token, labId, page, PAGE_SIZE)));
    }

    /** Creates a project in a lab; the API refuses viewers with {@code auth.forbidden}. */
    public ProjectDto createProject(UUID labId, ProjectRequest project) {
        return withToken(token -> api.createProject(token, labId, project));
    }

    /** One lab; another lab's id answers like a missing one (404). */
    public LabDto lab(UUID labId) {
        return withToken(token -> api.lab(token, labId));
    }

    /** One page of a lab's projects. */
    public PageDto<ProjectDto> projectPage(UUID labId, int page, int size) {
        return withToken(token -> api.projects(token, labId, page, size));
    }

    public ProjectDto project(UUID projectId) {
        return withToken(token -> api.project(token, projectId));
    }

    /** Renames, describes or tags a project the user saw at {@code version} (the API answers 412 if it changed). */
    public ProjectDto updateProject(ProjectDto seen, ProjectRequest change) {
        return withToken(token -> api.updateProject(token, seen.id(), seen.version(), change));
    }

    /** Deletes a project the user saw at its version, with its images and annotations. */
    public void deleteProject(ProjectDto seen) {
        withToken(token -> {
            api.deleteProject(token, seen.id(), seen.version());
            return null;
        });
    }

    /** One page of a project's images, oldest first. */
    public PageDto<ImageDto> imagePage(UUID projectId, int page, int size) {
        return withToken(token -> api.images(token, projectId, page, size));
    }

    public ImageDto image(UUID imageId) {
        return withToken(token -> api.image(token, imageId));
    }

    /** Changes what the uploader said about an image the user saw at its version. */
    public ImageDto updateImage(ImageDto seen, ImageUpdateRequest change) {
        return withToken(token -> api.updateImage(token, seen.id(), seen.version(), change));
    }

    /** Forgets the image's pixel size (unknown again), if nobody changed the image since {@code seen}. */
    public ImageDto clearPixelSize(ImageDto seen) {
        return withToken(token -> api.clearPixelSize(token, seen.id(), seen.version()));
    }

    /** Uploads one image file from local disk to a project (streamed). */
    public ImageDto uploadImage(UUID projectId, Path file, String fileName, List<String> channelNames,
                                Double pixelSizeUm, PageMode pageMode) {
        return withToken(token -> api.uploadImage(token, projectId, file, fileName, channelNames, pixelSizeUm,
                pageMode));
    }

    /**
     * Starts asking the API, in one call, for the thumbnails of {@code imageIds} (a gallery page about to be shown)
     * and keeps the answer for the image proxy ({@link ThumbnailBatch}), which then answers the browser's thumbnail
     * requests from memory. A failure here only means the proxy asks the API for each, as without it.
     */
    public void prefetchThumbnails(UUID projectId, List<UUID> imageIds) {
        if (imageIds.isEmpty()) {
            return;
        }
        SignedInUser user = currentUser().orElseThrow(() -> new NotSignedInException(SESSION_ENDED));
        CompletableFuture<Map<UUID, byte[]>> pngs = CompletableFuture.supplyAsync(() -> {
            Map<UUID, byte[]> byId = new HashMap<>();
            for (ThumbnailsDto.Item item : api.thumbnails(user.token(), projectId, imageIds).items()) {
                byId.put(item.imageId(), item.png());
            }
            return byId;
        }, READS);
        sessions.keepThumbnails(new ThumbnailBatch(user, Set.copyOf(imageIds), pngs));
    }

    /** One channel's histogram of one frame (the API answers 503 while it prepares the image's tiles). */
    public ChannelHistogramDto histogram(UUID imageId, int channel, int frame) {
        return withToken(token -> api.histogram(token, imageId, channel, frame));
    }

    /** One page of a lab's jobs, newest first; null filters mean all. */
    public PageDto<JobDto> jobPage(UUID labId, JobState state, JobKind kind, int page, int size) {
        return withToken(token -> api.jobs(token, labId, state, kind, page, size));
    }

    public JobDto job(UUID jobId) {
        return withToken(token -> api.job(token, jobId));
    }

    public JobDto cancelJob(UUID jobId) {
        return withToken(token -> api.cancelJob(token, jobId));
    }

    public JobDto retryJob(UUID jobId) {
        return withToken(token -> api.retryJob(token, jobId));
    }

    /** A lab's members (up to {@link #MAX_ITEMS}). */
    public List<MemberDto> members(UUID labId) {
        return withToken(token -> all(page -> api.members(token, labId, page, PAGE_SIZE)));
    }

    public MemberDto changeRole(UUID labId, UUID userId, Role role) {
        return withToken(token -> api.changeRole(token, labId, userId, role));
    }

    public void removeMember(UUID labId, UUID userId) {
        withToken(token -> {
            api.removeMember(token, labId, userId);
            return null;
        });
    }

    /** A lab's invitations (owners only). */
    public List<InvitationDto> invitations(UUID labId) {
        return withToken(token -> all(page -> api.invitations(token, labId, page, PAGE_SIZE)));
    }

    /** Invites {@code email}; the answer's token is its only appearance. */
    public InvitationDto invite(UUID labId, InvitationRequest invitation) {
        return withToken(token -> api.invite(token, labId, invitation));
    }

    public void revokeInvitation(UUID labId, UUID invitationId) {
        withToken(token -> {
            api.revokeInvitation(token, labId, invitationId);
            return null;
        });
    }

    /** Joins the invitation's lab with the signed-in account. */
    public MembershipDto acceptInvitation(String invitationToken) {
        return withToken(token -> api.acceptInvitation(token, new AcceptInvitationRequest(invitationToken, null, null)));
    }

    /** Joins the invitation's lab with a new account for the invited address (no one signed in). */
    public MembershipDto acceptInvitationAsNewUser(String invitationToken, String displayName, String password) {
        return api.acceptInvitation(null, new AcceptInvitationRequest(invitationToken, displayName, password));
    }

    /** The user's personal API tokens. */
    public List<TokenDto> tokens() {
        return withToken(token -> all(page -> api.tokens(token, page, PAGE_SIZE)));
    }

    /** Creates a personal API token; the answer's secret is its only appearance. */
    public TokenDto createToken(CreateTokenRequest create) {
        return withToken(token -> api.createToken(token, create));
    }

    public void revokeToken(UUID tokenId) {
        withToken(token -> {
            api.revokeToken(token, tokenId);
            return null;
        });
    }

    /** The lab's job quota and running jobs (any member). */
    public JobQuotaDto jobQuota(UUID labId) {
        return withToken(token -> api.jobQuota(token, labId));
    }

    /** A lab's own workers (owners only). */
    public List<WorkerDto> workers(UUID labId) {
        return withToken(token -> all(page -> api.workers(token, labId, page, PAGE_SIZE)));
    }

    /** Creates a worker for the lab; the answer's token is its only appearance. */
    public WorkerDto createWorker(UUID labId, String name) {
        return withToken(token -> api.createWorker(token, labId, name));
    }

    public void revokeWorker(UUID labId, UUID workerId) {
        withToken(token -> {
            api.revokeWorker(token, labId, workerId);
            return null;
        });
    }

    /** An image's annotations with their newest versions. */
    public List<AnnotationDto> annotations(UUID imageId) {
        return withToken(token -> api.annotations(token, imageId));
    }

    /** Uploads a label image for an image (a new version when the name exists). */
    public AnnotationDto uploadAnnotation(UUID imageId, Path file, String fileName, AnnotationKind kind, String name) {
        return withToken(token -> api.uploadAnnotation(token, imageId, file, fileName, kind, name));
    }

    /**
     * Starts {@code read} (reads of this service) on another thread now, as the signed-in user of this session, so
     * that the reads one page needs wait for the API side by side rather than one after another.
     *
     * @throws NotSignedInException when no one is signed in
     */
    public <T> Read<T> startRead(Function<LabscaleService, T> read) {
        return start(read, READS);
    }

    /**
     * Starts {@code send} (an upload of this service) on another thread, as {@link #startRead} does, so that the
     * browser session is not held while a file travels to the API; at most {@value #SENDING} files are sent at once
     * by this UI server, the others wait in order.
     */
    public <T> Read<T> startSend(Function<LabscaleService, T> send) {
        return start(send, SENDS);
    }

    private <T> Read<T> start(Function<LabscaleService, T> call, ExecutorService on) {
        SignedInUser user = currentUser().orElseThrow(() -> new NotSignedInException(SESSION_ENDED));
        LabscaleService asUser = new LabscaleService(api, new OneUser(user), clock);
        return new Read<>(CompletableFuture.supplyAsync(() -> call.apply(asUser), on), sessions);
    }

    /** The signed-in user of a read started with {@link #startRead}, away from the browser session's thread. */
    private static final class OneUser implements SessionStore {
        private volatile SignedInUser user;

        OneUser(SignedInUser user) {
            this.user = user;
        }

        @Override
        public Optional<SignedInUser> get() {
            return Optional.ofNullable(user);
        }

        @Override
        public void set(SignedInUser user) {
            this.user = user;
        }

        @Override
        public void clear() {
            user = null; // the browser session is cleared when the caller takes the answer (Read.get)
        }

        @Override
        public void keepThumbnails(ThumbnailBatch batch) {
            throw new IllegalStateException("thumbnails are kept by the browser session's own store");
        }
    }

    private <T> T withToken(Function<String, T> call) {
        SignedInUser user = currentUser().orElseThrow(() -> new NotSignedInException(SESSION_ENDED));
        try {
            return call.apply(user.token());
        } catch (ApiErrorException e) {
            if (e.isUnauthenticated()) {
                // expired or revoked at the API (e.g. signed out elsewhere, or the API's sessions were reset)
                sessions.clear();
                throw new NotSignedInException(SESSION_ENDED);
            }
            throw e;
        }
    }

    private static <T> List<T> all(Function<Integer, PageDto<T>> fetch) {
        List<T> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            PageDto<T> result = fetch.apply(page);
            items.addAll(result.items());
            if (!hasMore(result) || result.items().isEmpty() || items.size() >= MAX_ITEMS) {
                return items;
            }
        }
    }

    /** Whether pages after {@code page} hold more items. */
    static boolean hasMore(PageDto<?> page) {
        return (long) (page.page() + 1) * page.size() < page.total();
    }

    /** One page of a project's gallery, sorted and filtered ({@link LabscaleApiClient#images(String, UUID, String,
     * String, Boolean, int, int)}). */
    public PageDto<ImageDto> imagePage(UUID projectId, String sort, String name, Boolean annotated, int page,
                                       int size) {
        return withToken(token -> api.images(token, projectId, sort, name, annotated, page, size));
    }

    /**
     * Runs a call of another area's client (e.g. {@code TrainingService}) with the session's token, under the same
     * rules as this service's own calls: no session or a refused token is a {@link NotSignedInException}.
     */
    public <T> T withSessionToken(Function<String, T> call) {
        return withToken(call);
    }
}
