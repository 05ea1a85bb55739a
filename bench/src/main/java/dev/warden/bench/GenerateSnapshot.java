package dev.warden.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a large, realistic {@code warden.snapshot/v1} document for benchmarks: partners across the
 * tiers, apps on Cloud and Data Center, and tickets of every type with histories (triage, extensions,
 * severity changes, fixes, duplicates), reported across all three built-in policy versions. The same
 * arguments always give the same bytes.
 *
 * <p>Usage: {@code GenerateSnapshot APPS TICKETS FILE}
 */
public final class GenerateSnapshot {
    private static final String[] TIERS = {"NONE", "SILVER", "GOLD", "PLATINUM"};
    private static final String[] VECTORS = {
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
        "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
    };
    private static final Instant FIRST = Instant.parse("2023-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(1400).toSeconds();
    /** The snapshot's moment: tickets are reported until about a month before it, events end at it. */
    private static final Instant LAST = Instant.parse("2026-11-28T00:00:00Z");

    private GenerateSnapshot() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GenerateSnapshot APPS TICKETS FILE");
            System.exit(2);
        }
        int apps = Integer.parseInt(args[0]);
        int tickets = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                JsonGenerator g =
                        new JsonFactory().createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            write(g, apps, tickets);
        }
        System.err.printf("wrote %s: %d apps, %d tickets, %,d bytes%n", file, apps, tickets, Files.size(file));
    }

    static void write(JsonGenerator g, int apps, int tickets) {
        SplittableRandom random = new SplittableRandom(20261128L);
        int partners = Math.max(1, apps / 8);
        g.writeStartObject();
        g.writeStringProperty("format", "warden.snapshot/v1");
        g.writeName("partners");
        g.writeStartArray();
        for (int p = 0; p < partners; p++) {
            g.writeStartObject();
            g.writeStringProperty("id", partner(p));
            g.writeStringProperty("name", "Vendor " + p);
            g.writeStringProperty("tier", TIERS[p % TIERS.length]);
            g.writeName("securityContacts");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringProperty("name", "Security " + p);
            g.writeStringProperty("email", "security@" + partner(p) + ".example");
            g.writeBooleanProperty("ecosystemAccount", p % 17 != 0);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("apps");
        g.writeStartArray();
        for (int a = 0; a < apps; a++) {
            g.writeStartObject();
            g.writeStringProperty("key", app(a));
            g.writeStringProperty("name", "App " + a);
            g.writeStringProperty("partner", partner(a % partners));
            g.writeName("listings");
            g.writeStartArray();
            listing(g, "CLOUD", random);
            listing(g, "DATA_CENTER", random);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("tickets");
        g.writeStartArray();
        for (int t = 1; t <= tickets; t++) {
            ticket(g, t, apps, random);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void listing(JsonGenerator g, String hosting, SplittableRandom random) {
        g.writeStartObject();
        g.writeStringProperty("hosting", hosting);
        g.writeStringProperty("state", "LISTED");
        g.writeBooleanProperty("paid", random.nextInt(4) != 0);
        g.writeNumberProperty("installs", random.nextInt(50_000));
        g.writeEndObject();
    }

    private static void ticket(JsonGenerator g, int number, int apps, SplittableRandom random) {
        int kind = random.nextInt(10);
        String type = kind < 3 ? "BUG_BOUNTY" : kind < 8 ? "SCANNER" : "SECURITY";
        Instant reported = FIRST.plusSeconds(random.nextLong(SPAN_SECONDS));
        g.writeStartObject();
        g.writeStringProperty("key", "AMS-" + number);
        g.writeStringProperty("type", type);
        g.writeStringProperty("app", app(random.nextInt(apps)));
        g.writeStringProperty("hosting", random.nextBoolean() ? "CLOUD" : "DATA_CENTER");
        g.writeStringProperty("title", "Finding " + number);
        List<String[]> events = new ArrayList<>();
        events.add(new String[] {
            "REPORTED",
            reported.toString(),
            type.equals("SCANNER") ? "scanner" : "analyst",
            "cvss",
            VECTORS[random.nextInt(VECTORS.length)]
        });
        Instant at = reported;
        if (type.equals("BUG_BOUNTY") && random.nextInt(4) != 0) {
            at = at.plus(Duration.ofHours(1 + random.nextInt(24 * 20)));
            events.add(new String[] {"TRIAGED", at.toString(), "partner"});
        }
        if (!type.equals("BUG_BOUNTY") || events.size() > 1) {
            later(events, at, number, random);
        }
        g.writeName("events");
        g.writeStartArray();
        for (String[] e : events) {
            // Nothing happens after the snapshot's moment: a server refuses to import events dated after now.
            if (Instant.parse(e[1]).isAfter(LAST)) {
                break;
            }
            g.writeStartObject();
            g.writeStringProperty("type", e[0]);
            g.writeStringProperty("at", e[1]);
            g.writeStringProperty("actor", e[2]);
            for (int i = 3; i + 1 < e.length; i += 2) {
                g.writeStringProperty(e[i], e[i + 1]);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** What happens to a ticket after it is reported (and triaged): an extension, a new severity, a fix, a duplicate. */
    private static void later(List<String[]> events, Instant reportedOrTriaged, int number, SplittableRandom random) {
        Instant at = reportedOrTriaged;
        int fate = random.nextInt(10);
        if (fate == 0) {
            at = at.plus(Duration.ofDays(1 + random.nextInt(10)));
            events.add(new String[] {
                "EXTENSION_REQUESTED",
                at.toString(),
                "partner",
                "reason",
                "UPSTREAM_DEPENDENCY",
                "plan",
                "Upgrade the library when the fix is released.",
                "proposedDueAt",
                at.plus(Duration.ofDays(60)).toString()
            });
            at = at.plus(Duration.ofDays(2));
            events.add(new String[] {
                random.nextBoolean() ? "EXTENSION_APPROVED" : "EXTENSION_DENIED",
                at.toString(),
                "analyst",
                "note",
                "Decided after review."
            });
        } else if (fate == 1) {
            at = at.plus(Duration.ofDays(1 + random.nextInt(5)));
            events.add(new String[] {
                "SEVERITY_CHANGED",
                at.toString(),
                "analyst",
                "cvss",
                VECTORS[random.nextInt(VECTORS.length)],
                "note",
                "Reassessed."
            });
        }
        if (fate >= 2 && fate <= 7) {
            at = at.plus(Duration.ofDays(1 + random.nextInt(120)));
            events.add(new String[] {"RELEASED", at.toString(), "partner"});
            at = at.plus(Duration.ofDays(1 + random.nextInt(5)));
            events.add(new String[] {"VERIFIED_PATCHED", at.toString(), "analyst"});
        } else if (fate == 8) {
            at = at.plus(Duration.ofDays(1));
            events.add(
                    new String[] {"MARKED_DUPLICATE", at.toString(), "analyst", "of", "AMS-" + Math.max(1, number - 1)
                    });
        }
    }

    private static String partner(int p) {
        return String.format("vendor-%05d", p);
    }

    private static String app(int a) {
        return String.format("com.vendor.app%05d", a);
    }
}
