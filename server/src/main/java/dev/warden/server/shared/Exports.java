package dev.warden.server.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list taken out whole, as CSV (RFC 4180: a header row, UTF-8, CRLF, quoted where needed, and cells
 * that a spreadsheet would run as a formula defused with a leading apostrophe) or as a JSON array of
 * the API's objects. Rows are fetched page by page and written as they come, so an export of any size
 * takes the memory of one page.
 */
public final class Exports {
    /** The formats a list is exported in. */
    public enum Format {
        CSV("text/csv;charset=UTF-8", "csv"),
        JSON("application/json", "json");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        /** The format named by a request parameter ({@code csv}, {@code json}). */
        public static Format of(@Nullable String name) {
            if (name == null || name.isBlank() || name.equalsIgnoreCase("csv")) {
                return CSV;
            }
            if (name.equalsIgnoreCase("json")) {
                return JSON;
            }
            throw new InvalidParameterException("format", "must be csv or json");
        }
    }

    /** One column of a CSV export: its header and how a row's cell is read. */
    public record Column<T>(String header, Function<T, @Nullable Object> value) {}

    /** One page of rows; an empty or short page ends the export. */
    public interface Pages<T> {
        List<T> page(Paging paging);
    }

    private static final int PAGE = Paging.MAX_SIZE;

    private Exports() {}

    /** The export as a download named {@code <name>-<today>.<csv|json>}. */
    public static <T> ResponseEntity<StreamingResponseBody> download(
            String name, Format format, List<Column<T>> columns, Pages<T> pages, Clock clock) {
        String file = name + "-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "." + format.extension;
        StreamingResponseBody body = out -> write(format, columns, pages, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    static <T> void write(Format format, List<Column<T>> columns, Pages<T> pages, OutputStream out) throws IOException {
        if (format == Format.JSON) {
            try (JsonGenerator json = JsonMapper.shared().createGenerator(out)) {
                json.writeStartArray();
                each(pages, json::writePOJO);
                json.writeEndArray();
            }
            return;
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        csv.printRecord(columns.stream().map(Column::header).toList());
        each(pages, row -> {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column<T> c : columns) {
                cells.add(cell(c.value().apply(row)));
            }
            try {
                csv.printRecord(cells);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        csv.flush();
    }

    private static <T> void each(Pages<T> pages, java.util.function.Consumer<T> sink) {
        for (int page = 0; ; page++) {
            List<T> rows = pages.page(new Paging(page, PAGE));
            rows.forEach(sink);
            if (rows.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * A cell's text. One that starts as a formula would ({@code = + - @}, a tab or a carriage return)
     * gets a leading apostrophe, so a spreadsheet shows it instead of running it (OWASP's advice).
     */
    static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            return "'" + text;
        }
        return text;
    }
}
