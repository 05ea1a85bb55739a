package dev.warden.server.tickets;

import dev.warden.core.catalog.PartnerId;
import dev.warden.core.tickets.TicketKey;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.ConflictException;
import dev.warden.server.shared.ContentStore;
import dev.warden.server.shared.ForbiddenException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files attached to a ticket: a screenshot, a proof of concept, a log. Stored like artifacts (by content
 * hash, size-limited while copied), scanned before they are kept (a file holding a secret is refused:
 * Warden never keeps a found secret whole), and only ever handed out as a download, never shown or run
 * in the browser. Whoever may see the ticket may read them; whoever may respond to it may attach; the
 * person who attached a file, or the operator's ticket managers, may remove it. Every change is audited.
 */
@Service
public class TicketAttachments {
    public static final int MAX_NAME = 200;

    /** One attached file, as listed. */
    @Schema(name = "TicketAttachment")
    public record Attachment(
            long id,
            String ticket,
            String name,
            String mediaType,
            long size,
            String sha256,
            boolean scannedFully,
            List<String> scanNotes,
            Instant addedAt,
            String addedBy,
            boolean removable) {}

    /** An attachment's bytes, to be sent as a download. */
    public record Content(String name, long size, Path file) {}

    private final Tickets tickets;
    private final AttachmentRows rows;
    private final AttachmentStore store;
    private final AttachmentScan scan;
    private final AttachmentSettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    TicketAttachments(
            Tickets tickets,
            AttachmentRows rows,
            AttachmentStore store,
            AttachmentScan scan,
            AttachmentSettings settings,
            AuditTrail audit,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.tickets = tickets;
        this.rows = rows;
        this.store = store;
        this.scan = scan;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The files attached to a ticket the actor may see, oldest first. */
    @Transactional(readOnly = true)
    public List<Attachment> list(TicketKey key, Actor actor) {
        tickets.get(key, actor);
        return rows.of(key.value()).stream().map(r -> view(r, actor)).toList();
    }

    /**
     * Attaches a file: stored, scanned, then listed. Refused when the ticket has its maximum already, when
     * it is too large or empty, and when the scan finds a secret in it (nothing of it is kept then).
     * No database connection is held while the file arrives and is scanned.
     */
    public Attachment add(TicketKey key, @Nullable String sentName, InputStream in, Actor actor) {
        TicketView ticket = tickets.get(key, actor);
        if (!actor.can(Permission.TICKETS_RESPOND)) {
            throw new ForbiddenException("attaching files needs tickets:respond");
        }
        if (rows.count(key.value()) >= settings.maxPerTicket()) {
            throw full(key);
        }
        String name = name(sentName);
        ContentStore.Stored stored;
        try {
            stored = store.store(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the attachment", e);
        }
        AttachmentScan.Result found = scan.scan(store.path(stored.sha256()), name);
        if (!found.secrets().isEmpty()) {
            if (!rows.referenced(stored.sha256())) {
                store.delete(stored.sha256());
            }
            throw new InvalidInputException(
                    "/file",
                    "holds what looks like a secret, and Warden never keeps a found secret whole: "
                            + String.join(
                                    "; ",
                                    found.secrets()
                                            .subList(
                                                    0,
                                                    Math.min(5, found.secrets().size())))
                            + (found.secrets().size() > 5
                                    ? " and " + (found.secrets().size() - 5) + " more"
                                    : "")
                            + ". Mask it (keep the first few characters) and attach the file again; if it is a real"
                            + " credential, have it revoked.");
        }
        String notes = found.notes().isEmpty() ? null : String.join("\n", found.notes());
        if (notes != null && notes.length() > 4000) {
            notes = notes.substring(0, 3990) + "\n…";
        }
        String kept = notes;
        Long made;
        try {
            made = insert(key, ticket, name, found, stored, kept, actor);
        } catch (RuntimeException e) {
            if (!rows.referenced(stored.sha256())) {
                store.delete(stored.sha256());
            }
            throw e;
        }
        return view(
                rows.find(key.value(), java.util.Objects.requireNonNull(made)).orElseThrow(), actor);
    }

    private @Nullable Long insert(
            TicketKey key,
            TicketView ticket,
            String name,
            AttachmentScan.Result found,
            ContentStore.Stored stored,
            @Nullable String kept,
            Actor actor) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            if (rows.count(key.value()) >= settings.maxPerTicket()) {
                throw full(key);
            }
            long id = rows.insert(
                    key.value(),
                    name,
                    found.mediaType(),
                    stored.size(),
                    stored.sha256(),
                    kept,
                    found.complete(),
                    now,
                    actor.name(),
                    actor.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", id);
            details.put("name", name);
            details.put("mediaType", found.mediaType());
            details.put("size", stored.size());
            details.put("sha256", stored.sha256());
            details.put("scannedFully", found.complete());
            audit.record(
                    actor, "TICKET_ATTACHMENT_ADDED", "ticket", ticket.key(), PartnerId.of(ticket.partner()), details);
            return id;
        });
    }

    /** An attachment's bytes, for a download. */
    @Transactional(readOnly = true)
    public Content open(TicketKey key, long id, Actor actor) {
        tickets.get(key, actor);
        AttachmentRows.Row row = row(key, id);
        Path file = store.path(row.sha256());
        if (!store.has(row.sha256())) {
            throw new NotFoundException("The file of attachment " + id + " is missing from the attachment folder"
                    + " (warden.attachments.folder): restore it from a backup");
        }
        return new Content(row.name(), row.sizeBytes(), file);
    }

    /** Removes an attachment: its bytes go too unless another attachment has the same. */
    @Transactional
    public void remove(TicketKey key, long id, Actor actor) {
        TicketView ticket = tickets.get(key, actor);
        AttachmentRows.Row row = row(key, id);
        if (!removable(row, actor)) {
            throw new ForbiddenException(
                    "only the person who attached a file, or the operator's ticket managers, may remove it");
        }
        rows.delete(id);
        if (!rows.referenced(row.sha256())) {
            store.delete(row.sha256());
        }
        audit.record(
                actor,
                "TICKET_ATTACHMENT_REMOVED",
                "ticket",
                ticket.key(),
                PartnerId.of(ticket.partner()),
                Map.of("id", id, "name", row.name(), "sha256", row.sha256(), "addedBy", row.addedBy()));
    }

    /** The largest file accepted, in bytes. */
    public long maxBytes() {
        return store.maxBytes();
    }

    private ConflictException full(TicketKey key) {
        return new ConflictException("ticket " + key + " has " + settings.maxPerTicket()
                + " attachments already, the most it may carry (warden.attachments.max-per-ticket):"
                + " remove one first, or put several files in one ZIP");
    }

    private AttachmentRows.Row row(TicketKey key, long id) {
        return rows.find(key.value(), id)
                .orElseThrow(() -> new NotFoundException("Ticket " + key + " has no attachment " + id));
    }

    private static boolean removable(AttachmentRows.Row row, Actor actor) {
        return actor.can(Permission.TICKETS_MANAGE) && !actor.isPartner()
                || actor.can(Permission.TICKETS_RESPOND) && row.addedById().equals(actor.id());
    }

    private static Attachment view(AttachmentRows.Row r, Actor actor) {
        return new Attachment(
                r.id(),
                r.ticketKey(),
                r.name(),
                r.mediaType(),
                r.sizeBytes(),
                r.sha256(),
                r.scannedFully(),
                r.scanNotes() == null ? List.of() : Arrays.asList(r.scanNotes().split("\n")),
                r.addedAt().toInstant(),
                r.addedBy(),
                removable(r, actor));
    }

    /**
     * The name a file is kept under: the last part of what was sent (no folders), without control or
     * bidirectional characters, at most {@value #MAX_NAME} characters with its extension kept.
     */
    static String name(@Nullable String sent) {
        String s = sent == null ? "" : Normalizer.normalize(sent, Normalizer.Form.NFC);
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        s = s.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "").strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.isBlank()) {
            return "attachment";
        }
        if (s.length() > MAX_NAME) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
            int cut = MAX_NAME - ext.length();
            if (Character.isLowSurrogate(s.charAt(cut))) {
                cut--;
            }
            s = s.substring(0, cut) + ext;
        }
        return s;
    }
}
