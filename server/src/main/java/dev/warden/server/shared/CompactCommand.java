package dev.warden.server.shared;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./warden compact}: the server started without its web side to close its embedded database's
 * file with H2's {@code SHUTDOWN COMPACT} (see {@link EmbeddedFile}), for a file left large by an import
 * into a running server, which {@code ./warden import} does not compact since the file is the server's.
 * Exit code 0 when compacted, 1 when a running server holds the file or the compaction failed, 2 when the
 * database is not an embedded one (PostgreSQL keeps its own files: its {@code VACUUM} is the tool).
 */
@Component
@ConditionalOnProperty(name = "warden.compact", havingValue = "true")
class CompactCommand implements ApplicationRunner, ExitCodeGenerator, AfterClose {
    private static final String NAME = "warden compact";

    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;
    private @Nullable EmbeddedFile file;
    private int exitCode;

    CompactCommand(
            DataSource dataSource,
            @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String user,
            @Value("${spring.datasource.password:}") String password) {
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            file = EmbeddedFile.of(dataSource, url, user, password).orElse(null);
        } catch (SQLException e) {
            System.err.println(NAME + ": cannot open the database: " + e.getMessage());
            exitCode = 2;
            return;
        }
        if (file != null) {
            return;
        }
        if (!Databases.isH2(dataSource)) {
            System.err.println(NAME + ": the database is PostgreSQL, which keeps its own files (its VACUUM"
                    + " reclaims space): nothing to compact");
            exitCode = 2;
        } else if (url.startsWith("jdbc:h2:file:")) {
            System.err.println(NAME + ": a running Warden server holds the database file; stop it, then run"
                    + " ./warden compact again");
            exitCode = 1;
        } else {
            System.err.println(NAME + ": the database is not kept in a file (" + url + "): nothing to compact");
            exitCode = 2;
        }
    }

    @Override
    public int afterClose() {
        EmbeddedFile held = file;
        if (held == null) {
            return exitCode;
        }
        return held.compactClosedAndSay(NAME, "compacting the database file failed") ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
