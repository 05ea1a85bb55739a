package dev.warden.server.dependencies;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/advisories}: the advisory database bundled libraries are matched against. */
@RestController
@Tag(name = "Advisories", description = "Security advisories (OSV) matched against bundled libraries")
class AdvisoryApiController {
    private final Advisories advisories;

    AdvisoryApiController(Advisories advisories) {
        this.advisories = advisories;
    }

    /** An advisory as listed. */
    record AdvisoryView(
            String id,
            String summary,
            String severity,
            @Nullable Double score,
            List<String> aliases,
            java.time.Instant modified,
            java.time.@Nullable Instant withdrawn) {
        static AdvisoryView of(AdvisoryRows.Summary s) {
            return new AdvisoryView(
                    s.id(),
                    s.summary(),
                    s.severity(),
                    s.score(),
                    s.aliases().isBlank() ? List.of() : List.of(s.aliases().split(" ")),
                    s.modified(),
                    s.withdrawn());
        }
    }

    @GetMapping("/api/v1/advisories")
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "List advisories",
            description = "Newest change first; q matches the id, an alias (CVE) or the summary.")
    Page<AdvisoryView> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (q != null && q.length() > 200) {
            throw new InvalidParameterException("q", "must be at most 200 characters");
        }
        Paging paging = new Paging(page, size);
        Advisories.Page found = advisories.list(q, paging.size(), paging.offset());
        return Page.of(found.items().stream().map(AdvisoryView::of).toList(), paging, found.total());
    }

    @GetMapping(value = "/api/v1/advisories/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Permission.CATALOG_READ)
    @Operation(
            summary = "One advisory",
            description = "The OSV record as Warden keeps it: id, aliases, summary, modified, withdrawn, severity and"
                    + " the Maven and npm packages affected with their ranges.")
    ResponseEntity<String> get(@PathVariable String id) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(advisories.record(id).orElseThrow(() -> new NotFoundException("no advisory " + id)));
    }

    @GetMapping("/api/v1/advisories/imports")
    @Requires(Permission.AUDIT_READ)
    @Operation(
            summary = "The latest imports",
            description = "Newest first: who imported what, and what each read and changed (the operator only).")
    List<AdvisoryRows.Import> imports() {
        return advisories.imports(50);
    }

    @PostMapping(
            value = "/api/v1/advisories",
            consumes = {"application/zip", MediaType.APPLICATION_JSON_VALUE})
    @Requires(Permission.ADVISORIES_IMPORT)
    @Operation(
            summary = "Import advisories",
            description = "The body is one OSV record (application/json) or a zip of them as OSV publishes per"
                    + " ecosystem (application/zip, for example Maven/all.zip). Incremental: a record replaces the"
                    + " one held only when its modified date is later. Records that cannot be read are listed in"
                    + " errors (the first 100); the rest are imported. The latest versions bundling a package whose"
                    + " advisories changed are matched again.")
    Advisories.Imported upload(
            HttpServletRequest request, @RequestParam(defaultValue = "upload") String name, Actor actor) {
        if (!name.matches("[A-Za-z0-9._ -]{1,100}")) {
            throw new InvalidParameterException("name", "must be 1 to 100 letters, digits, dots, dashes or spaces");
        }
        boolean zip =
                request.getContentType() != null && request.getContentType().startsWith("application/zip");
        Path file = null;
        try {
            file = Files.createTempFile("warden-advisories-", zip ? ".zip" : ".json");
            // Bounded by the request-size policy (warden.advisories.max-upload) as it is read.
            try (InputStream in = request.getInputStream()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return advisories.importFrom(file, name, actor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A temporary file left behind is removed with the temporary folder.
                }
            }
        }
    }
}
