package dev.warden.scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Walks a scanned folder. */
final class Folders {
    private Folders() {}

    /**
     * Hands each regular file of a folder to {@code each}, as it is found, without following symbolic
     * links (they are reported). One attribute read per file.
     */
    static void files(
            Path folder,
            java.util.function.Function<Path, ArtifactPath> names,
            Walker.Visitor visitor,
            java.util.function.Consumer<Path> each)
            throws IOException {
        Files.walkFileTree(folder, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(
                    Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    visitor.problem(Problem.note(names.apply(file), "symbolic link not followed"));
                } else if (attrs.isRegularFile()) {
                    each.accept(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                visitor.problem(new Problem(names.apply(file), "cannot be read: " + e.getMessage()));
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
