package dev.warden.server.snapshot;

import dev.warden.server.api.Bodies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/snapshot}: the whole marketplace out and in, as {@code warden.snapshot/v1}. */
@RestController
@RequestMapping("/api/v1/snapshot")
@Tag(name = "Snapshot", description = "Export and import the marketplace as a warden.snapshot/v1 document")
class SnapshotApiController {
    private final Snapshots snapshots;
    private final Clock clock;
    private final long maxImportBytes;

    SnapshotApiController(
            Snapshots snapshots, Clock clock, @Value("${warden.snapshot.max-import-bytes}") long maxImportBytes) {
        this.snapshots = snapshots;
        this.clock = clock;
        this.maxImportBytes = maxImportBytes;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Permission.SNAPSHOT_EXPORT)
    @Operation(
            summary = "Export the marketplace",
            description = "A canonical warden.snapshot/v1 document, sorted by id. A partner's user or client gets"
                    + " its own data only.")
    ResponseEntity<byte[]> export(Actor actor) {
        String name = "warden-snapshot-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".json";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(snapshots.export(actor));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Permission.SNAPSHOT_IMPORT)
    @Operation(
            summary = "Import a snapshot",
            description = "Creates or replaces every partner and app in the document and leaves others alone."
                    + " An invalid document is rejected whole, listing every error; nothing is written."
                    + " Importing the same document twice changes nothing. dryRun=true reports without writing.")
    ImportResult importSnapshot(
            HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun, Actor actor)
            throws IOException {
        byte[] body = Bodies.readAtMost(request.getInputStream(), maxImportBytes);
        return snapshots.importDocument(body, dryRun, actor);
    }
}
