package dev.warden.server.tickets;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Files attached to a ticket: listed, attached, downloaded (never shown inline) and removed. */
@RestController
@Tag(name = "Tickets")
class TicketAttachmentApiController {
    private final TicketAttachments attachments;

    TicketAttachmentApiController(TicketAttachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/api/v1/tickets/{key}/attachments")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "A ticket's attachments",
            description = "Oldest first: name, mediaType (from the file's bytes, not its name), size, sha256, what"
                    + " the scan noted (scanNotes; scannedFully is false when part of it could not be read), who"
                    + " attached it and when, and whether the caller may remove it.")
    List<TicketAttachments.Attachment> list(@PathVariable String key, Actor actor) {
        return attachments.list(TicketApiController.parse(key), actor);
    }

    @PostMapping(value = "/api/v1/tickets/{key}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Attach a file to a ticket",
            description = "Multipart form with one part, file (a screenshot, a proof of concept, a log; up to"
                    + " warden.attachments.max-size, 25 MB by default). The file is scanned before it is kept,"
                    + " archives inside it too: one holding a secret (an API token, a client secret, a private"
                    + " key) is refused with 400 and nothing of it is kept; mask the secret and attach it again."
                    + " 409 when the ticket carries warden.attachments.max-per-ticket files already; 413 when"
                    + " the file is too large. Audited.")
    ResponseEntity<TicketAttachments.Attachment> add(
            @PathVariable String key,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            Actor actor) {
        if (file == null) {
            throw new InvalidInputException("/file", "is required: send the file as the multipart part named file");
        }
        TicketAttachments.Attachment added;
        try (InputStream in = file.getInputStream()) {
            added = attachments.add(TicketApiController.parse(key), file.getOriginalFilename(), in, actor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + added.ticket() + "/attachments/" + added.id()))
                .body(added);
    }

    @GetMapping("/api/v1/tickets/{key}/attachments/{id}")
    @Requires(Permission.TICKETS_READ)
    @Operation(
            summary = "Download an attachment",
            description = "The file's bytes, always as application/octet-stream with Content-Disposition: attachment"
                    + " (a browser saves it, never shows or runs it), X-Content-Type-Options: nosniff and a"
                    + " sandboxing Content-Security-Policy.")
    ResponseEntity<Resource> download(@PathVariable String key, @PathVariable long id, Actor actor) {
        TicketAttachments.Content content = attachments.open(TicketApiController.parse(key), id, actor);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(content.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(content.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new FileSystemResource(content.file()));
    }

    @DeleteMapping("/api/v1/tickets/{key}/attachments/{id}")
    @Requires(Permission.TICKETS_RESPOND)
    @Operation(
            summary = "Remove an attachment",
            description = "By the person or client who attached it, or by the operator's ticket managers (403"
                    + " otherwise). The bytes are deleted unless another attachment has the same. Audited.")
    ResponseEntity<Void> remove(@PathVariable String key, @PathVariable long id, Actor actor) {
        attachments.remove(TicketApiController.parse(key), id, actor);
        return ResponseEntity.noContent().build();
    }
}
