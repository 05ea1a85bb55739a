package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExportsTest {

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefusedAndNumbersAreNot() {
        assertThat(Exports.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(Exports.cell("+1+cmd|' /C calc'!A0")).startsWith("'+");
        assertThat(Exports.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Exports.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Exports.cell("\tx")).isEqualTo("'\tx");
        assertThat(Exports.cell(-3600L)).isEqualTo("-3600");
        assertThat(Exports.cell(7.5)).isEqualTo("7.5");
        assertThat(Exports.cell(null)).isEmpty();
    }

    @Test
    void aCsvHasAHeaderQuotesWhatNeedsItAndReadsEveryPage() throws Exception {
        List<Exports.Column<Integer>> columns = List.of(
                new Exports.Column<>("n", i -> i), new Exports.Column<>("text", i -> i == 3 ? "a, \"b\"\nc" : "x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = Paging.MAX_SIZE + 3;
        Exports.write(
                Exports.Format.CSV,
                columns,
                p -> {
                    int from = (int) Math.min(rows, p.offset());
                    return IntStream.range(from, Math.min(rows, from + p.size()))
                            .boxed()
                            .toList();
                },
                out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("n,text\r\n0,x\r\n");
        assertThat(csv).contains("3,\"a, \"\"b\"\"\nc\"\r\n");
        assertThat(csv.split("\r\n")).hasSize(rows + 1);
    }
}
