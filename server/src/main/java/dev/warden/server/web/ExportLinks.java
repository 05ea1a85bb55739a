package dev.warden.server.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A list page's "Export" links: the API's export of exactly what the page lists (its filters, not its
 * page), as CSV or JSON. Filters left empty are left out.
 *
 * @param path the API's export, for example {@code /api/v1/enforcement/cases/export}
 */
public record ExportLinks(String path, Map<String, @Nullable Object> filters) {

    public String csv() {
        return url("csv");
    }

    public String json() {
        return url("json");
    }

    private String url(String format) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path).queryParam("format", format);
        filters.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                url.queryParam(name, value);
            }
        });
        return url.encode().build().toUriString();
    }
}
