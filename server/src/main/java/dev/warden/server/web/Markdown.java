package dev.warden.server.web;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ticket descriptions (Markdown written by reporters, partners among them) as HTML that is safe to put in
 * a page: raw HTML is shown as text, links other than http, https and mailto are dropped, every link
 * opens without passing the page on, and images are shown as their text (no request leaves the page).
 */
@Component
public class Markdown {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(java.util.List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();

    /** The HTML of {@code markdown}; empty for none. */
    public String html(@Nullable String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node document = parser.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                StringBuilder alt = new StringBuilder();
                for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof Text t) {
                        alt.append(t.getLiteral());
                    }
                }
                Node text = new Text("[image: " + (alt.length() == 0 ? image.getDestination() : alt) + "]");
                image.insertBefore(text);
                image.unlink();
            }
        });
        return renderer.render(document);
    }
}
