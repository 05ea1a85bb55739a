package dev.warden.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** House rules the compiler does not check: where SQL lives, and how long a source file may grow. */
class ConventionsTest {
    /**
     * The longest main source file allowed, in lines, in any module. A ratchet: lower it when the
     * longest file shrinks, never raise it; a file that would pass it is split along its seams.
     */
    static final int MAX_LINES = 420;

    @Test
    void onlyRowsClassesRunSql() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.warden.server");

        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Rows")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .because("every SQL statement lives in a *Rows class of its feature")
                .check(server);
    }

    @Test
    void rowsMapRecordsWithRecordRows() throws IOException {
        // JdbcClient.query(SomeRecord.class) looks every column up by name on every row, and H2 builds an
        // exception for each camelCase miss; RecordRows finds the columns once per query.
        java.util.regex.Pattern byClass = java.util.regex.Pattern.compile(
                "\\.query\\((?!(?:String|Long|Integer|Boolean|Double|Instant|OffsetDateTime)\\.class)\\w+\\.class\\)");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return byClass.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders)
                .as("sources mapping rows with JdbcClient.query(Record.class)")
                .isEmpty();
    }

    @Test
    void noMainSourceFilePassesTheSizeRatchet() throws IOException {
        Map<Path, Long> tooLong = new LinkedHashMap<>();
        for (String module : List.of("core", "scanner", "cli", "server")) {
            Path main = Path.of("..", module, "src", "main", "java");
            assertThat(main).as("the %s module's sources", module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file :
                        files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    long lines;
                    try (Stream<String> l = Files.lines(file)) {
                        lines = l.count();
                    }
                    if (lines > MAX_LINES) {
                        tooLong.put(file.normalize(), lines);
                    }
                }
            }
        }
        assertThat(tooLong).as("files over %d lines", MAX_LINES).isEmpty();
    }
}
