package dev.warden.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The node tools the tests run (Prism, Redocly's CLI, axe-core), installed with {@code npm ci} from the lock
 * file in {@code src/test/node} into {@code target/node} on first use. Without npm a test that needs
 * them is skipped, or fails on CI.
 */
public final class NodeTools {
    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path HOME = Path.of("target/node");

    private NodeTools() {}

    /** The executable of a tool ({@code prism}, {@code redocly}), installed if it is not yet. */
    public static synchronized Path bin(String name) throws IOException, InterruptedException {
        Path bin = HOME.resolve("node_modules/.bin").resolve(name);
        if (Files.isExecutable(bin) && !stale()) {
            return bin;
        }
        if (!onPath("npm")) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but npm is missing: tests run " + name + " from npm");
            }
            Assumptions.abort("npm is not installed; the test that runs " + name + " is skipped");
        }
        Files.createDirectories(HOME);
        for (String f : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed: " + Files.readString(HOME.resolve("npm.log")));
        }
        return bin;
    }

    /** A file of an installed package ({@code axe-core/axe.min.js}), installing the tools if they are not yet. */
    public static synchronized Path file(String path) throws IOException, InterruptedException {
        bin("redocly");
        Path file = HOME.resolve("node_modules").resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + path + " among the installed node tools");
        }
        return file;
    }

    /** Whether the lock file changed since the tools were installed. */
    private static boolean stale() throws IOException {
        Path installed = HOME.resolve("package-lock.json");
        return !Files.exists(installed) || Files.mismatch(installed, SOURCE.resolve("package-lock.json")) != -1;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
