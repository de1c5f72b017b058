package org.labscale.cli.command;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.VisibilityRequest;

import picocli.CommandLine.Option;

/**
 * {@code share} and {@code revoke} of one version, whatever its kind (model or training set): grants to labs by id,
 * or the version's public visibility. Subclasses say where the version is ({@link #versionPath}). Prints the
 * version's sharing afterwards.
 */
abstract class VersionSharing extends ApiCommand {

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version.")
    int version;

    VersionSharing(CliContext ctx) {
        super(ctx);
    }

    /** The API path of the version, e.g. {@code /api/v1/labs/L/models/M/versions/2}. */
    abstract String versionPath(ApiClient api);

    /** Grants each lab, or (public) makes the version public. */
    Integer share(List<UUID> labs, boolean everyone) {
        if ((labs == null || labs.isEmpty()) && !everyone) {
            throw CliException.usage("Name a lab to share with (--with LAB_ID) or --public.");
        }
        ApiClient api = ctx.api();
        String path = versionPath(api);
        SharingDto sharing = null;
        for (UUID lab : labs == null ? List.<UUID>of() : labs) {
            sharing = api.put(path + "/grants/" + lab, null, SharingDto.class);
        }
        if (everyone) {
            sharing = api.put(path + "/visibility", new VisibilityRequest(Visibility.PUBLIC), SharingDto.class);
        }
        print(sharing);
        return 0;
    }

    /** Revokes each lab's grant, or (private) makes a public version private again. */
    Integer revoke(List<UUID> labs, boolean everyone) {
        if ((labs == null || labs.isEmpty()) && !everyone) {
            throw CliException.usage("Name a lab to revoke (--from LAB_ID) or --private.");
        }
        ApiClient api = ctx.api();
        String path = versionPath(api);
        SharingDto sharing = null;
        for (UUID lab : labs == null ? List.<UUID>of() : labs) {
            sharing = api.<SharingDto>send("DELETE", path + "/grants/" + lab, null, Map.of(),
                    api.json().constructType(SharingDto.class)).body();
        }
        if (everyone) {
            sharing = api.put(path + "/visibility", new VisibilityRequest(Visibility.PRIVATE), SharingDto.class);
        }
        print(sharing);
        return 0;
    }

    private void print(SharingDto sharing) {
        if (json()) {
            Output.json(out(), sharing);
            return;
        }
        out().println("Visibility  " + sharing.visibility());
        Output.Table table = new Output.Table("LAB", "NAME", "GRANTED");
        sharing.grants().forEach(g -> table.row(g.labId(), g.labName(), Output.time(g.grantedAt())));
        table.print(out());
    }
}
