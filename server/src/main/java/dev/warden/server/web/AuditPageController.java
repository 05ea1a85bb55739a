package dev.warden.server.web;

import dev.warden.server.audit.AuditEntry;
import dev.warden.server.audit.AuditQuery;
import dev.warden.server.audit.AuditTrail;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Page;
import dev.warden.server.shared.Paging;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import dev.warden.server.shared.UnavailableException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail for the operator: every recorded change, newest first, filtered by who, what, which
 * subject, which partner and which days; each entry links to the page of its subject, and the hash
 * chain can be checked from here. Pages follow cursors (Newer, Older): a page deep in a million entries
 * is read from the index where it lies.
 */
@Controller
class AuditPageController {
    private static final int PAGE_SIZE = 50;

    /** The pages that show a subject of each type. */
    private static final Map<String, String> PAGES = Map.of(
            "ticket", "/tickets/",
            "case", "/cases/",
            "incident", "/incidents/",
            "partner", "/partners/",
            "app", "/apps/",
            "token_use", "/apps/",
            "bounty_program", "/programs/");

    private final AuditTrail trail;
    private final Clock clock;

    AuditPageController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping("/audit")
    @Requires(Permission.AUDIT_READ)
    String list(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String partner,
            @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to,
            @RequestParam(defaultValue = "false") boolean check,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before,
            Actor who,
            Model model) {
        AuditQuery query = new AuditQuery(
                blankToNull(actor),
                blankToNull(action),
                blankToNull(subjectType),
                blankToNull(subjectId),
                blankToNull(partner),
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Page<AuditEntry> found =
                trail.list(query, new Paging(Math.max(0, page), PAGE_SIZE), blankToNull(after), blankToNull(before));
        Map<String, @Nullable Object> filters = new LinkedHashMap<>();
        filters.put("actor", query.actor());
        filters.put("action", query.action());
        filters.put("subjectType", query.subjectType());
        filters.put("subjectId", query.subjectId());
        filters.put("partner", query.partner());
        filters.put("from", query.from());
        filters.put("to", query.to());
        model.addAttribute("export", new ExportLinks("/api/v1/audit/export", filters));
        model.addAttribute("actor", who);
        model.addAttribute("fmt", new Formats(clock.instant()));
        model.addAttribute("page", found);
        model.addAttribute("links", links(found.items()));
        model.addAttribute("vocabulary", trail.vocabulary());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("actor", orEmpty(actor));
        f.put("action", orEmpty(action));
        f.put("subjectType", orEmpty(subjectType));
        f.put("subjectId", orEmpty(subjectId));
        f.put("partner", orEmpty(partner));
        f.put("from", from == null ? "" : from.toString());
        f.put("to", to == null ? "" : to.toString());
        model.addAttribute("f", f);
        if (check) {
            try {
                model.addAttribute("chain", trail.verify());
            } catch (UnavailableException e) {
                model.addAttribute("chainUnavailable", e.getMessage());
            }
        }
        return "audit-trail";
    }

    /** For each entry (by sequence number), the page of its subject, where there is one. */
    private static Map<Long, String> links(List<AuditEntry> entries) {
        Map<Long, String> links = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            String prefix = PAGES.get(e.subjectType());
            if (prefix != null) {
                links.put(e.seq(), prefix + e.subjectId());
            } else if ("policy".equals(e.subjectType())) {
                links.put(e.seq(), "/policy"); // versions, drafts and published ones, are listed there
            }
        }
        return links;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
