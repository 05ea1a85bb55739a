package dev.warden.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    private final Markdown markdown = new Markdown();

    @Test
    void aDescriptionIsRenderedAsMarkdown() {
        assertThat(markdown.html("## Steps\n\n1. Open `/admin`\n2. **Send** it\n\n```\ncurl -X POST\n```"))
                .contains("<h2>Steps</h2>", "<ol>", "<code>/admin</code>", "<strong>Send</strong>", "<pre><code>");
    }

    @Test
    void rawHtmlIsShownAsTextNeverRun() {
        String html = markdown.html("<script>alert(1)</script>\n\nand <img src=x onerror=alert(2)> inline");
        assertThat(html).doesNotContain("<script", "<img").contains("&lt;script&gt;", "&lt;img src=x");
    }

    @Test
    void onlySafeLinksAreKeptAndNoneHandsThePageOn() {
        assertThat(markdown.html("[poc](https://example.com/poc)"))
                .contains("href=\"https://example.com/poc\"", "rel=\"nofollow noopener noreferrer\"");
        assertThat(markdown.html("[click](javascript:alert(1))")).doesNotContain("javascript:");
        assertThat(markdown.html("[x](data:text/html;base64,PHNjcmlwdD4=)")).doesNotContain("data:");
    }

    @Test
    void anImageIsShownAsItsTextSoNothingIsFetched() {
        assertThat(markdown.html("![the stack trace](https://tracker.example/pixel.png)"))
                .doesNotContain("<img", "tracker.example")
                .contains("[image: the stack trace]");
        assertThat(markdown.html("![](https://tracker.example/pixel.png)"))
                .doesNotContain("<img")
                .contains("[image: https://tracker.example/pixel.png]");
    }

    @Test
    void noDescriptionIsNothing() {
        assertThat(markdown.html(null)).isEmpty();
        assertThat(markdown.html("  ")).isEmpty();
    }
}
