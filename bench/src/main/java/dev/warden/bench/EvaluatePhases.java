package dev.warden.bench;

import dev.warden.core.evaluation.EvaluationReport;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.core.snapshot.SnapshotStream;
import dev.warden.core.tickets.Ticket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Runs the evaluation of {@code warden evaluate} several times in one JVM, to separate the first
 * (cold) run from warmed-up ones. Usage: {@code EvaluatePhases SNAPSHOT OUTPUT [ROUNDS]}.
 */
public final class EvaluatePhases {
    private EvaluatePhases() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            PolicyVersions versions = PolicyVersions.builtIn();
            long t1 = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 20);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16);
                    EvaluationReport report =
                            new EvaluationReport(out, versions, Instant.parse("2026-11-28T00:00:00Z"), null, false)) {
                SnapshotStream.read(in, new SnapshotStream.Handler() {
                    @Override
                    public void ticket(Ticket ticket) {
                        report.add(ticket);
                    }
                });
                report.finish(java.util.List.of(), java.util.List.of());
            }
            long t2 = System.nanoTime();
            System.out.printf(
                    "round %d: policies %.2fs, read+evaluate+write %.2fs%n", round, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
