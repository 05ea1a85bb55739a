package dev.warden.server.web;

import dev.warden.server.enforcement.Transparency;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/** The transparency page's entries as an Atom feed (RFC 4287), newest first. */
final class TransparencyFeed {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Feed readers want recent news, not the whole record: the page has that. */
    static final int ENTRIES = 50;

    private TransparencyFeed() {}

    /** The feed of {@code published}, whose page is {@code pageUrl}. */
    static String write(Transparency.Published published, String title, String pageUrl) {
        List<Transparency.Entry> entries = published
                .entries()
                .subList(0, Math.min(ENTRIES, published.entries().size()));
        Instant updated = entries.stream()
                .map(e -> e.endedAt() != null && e.endedAt().isAfter(e.takenAt()) ? e.endedAt() : e.takenAt())
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", pageUrl);
            text(xml, "title", title);
            text(xml, "updated", time(updated));
            link(xml, "alternate", "text/html", pageUrl);
            link(xml, "self", "application/atom+xml", pageUrl + "/feed.atom");
            xml.writeStartElement("author");
            text(xml, "name", title);
            xml.writeEndElement();
            for (Transparency.Entry e : entries) {
                xml.writeStartElement("entry");
                text(xml, "id", pageUrl + "#" + e.id());
                text(xml, "title", e.subject() + ": " + e.action());
                text(xml, "published", time(e.takenAt()));
                text(xml, "updated", time(e.endedAt() != null ? e.endedAt() : e.takenAt()));
                link(xml, "alternate", "text/html", pageUrl + "#" + e.id());
                text(xml, "summary", summary(e));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return out.toString();
    }

    /** One sentence with what the page's row shows. */
    static String summary(Transparency.Entry e) {
        String state = switch (e.status()) {
            case "LIFTED" -> "Lifted on " + day(e.endedAt()) + " after the partner resolved it.";
            case "REVERSED" -> "Reversed on " + day(e.endedAt()) + " on the partner's appeal.";
            default -> "In effect.";
        };
        return e.action() + " on " + day(e.takenAt()) + " (" + e.subject() + ", partner " + e.partner()
                + "). Area of the policy: " + e.category() + ". " + state;
    }

    private static String day(@Nullable Instant at) {
        return at == null
                ? "an unrecorded day"
                : DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(java.time.ZoneOffset.UTC));
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    private static void text(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }
}
