package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.validation.JsonSchemaCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code warden evaluate} never fails with an internal error on a document the schema accepts: the demo
 * marketplace (every kind of record), mutated at random places in seeded, repeatable ways (fields left
 * out, emptied, set to extreme numbers and instants, values moved between objects). A mutant the schema
 * refuses must be refused the same way (exit 2, the errors, nothing on standard output); one it accepts
 * must be evaluated (exit 0) or refused with a sentence (exit 2) — never a stack trace.
 */
class EvaluateFuzzTest {
    static final Path DEMO = Path.of("../server/src/main/resources/demo/marketplace.json");
    static final Path HISTORY = Path.of("../core/src/test/resources/snapshots/history.json");
    static final int MUTANTS = 300;

    @TempDir
    Path dir;

    record Run(int exitCode, String err) {}

    Run evaluate(Path file) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new WardenCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvaluateCommand.class) {
                    return type.cast(
                            new EvaluateCommand(Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC)));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cli.execute(
                "evaluate", file.toString(), "-o", dir.resolve("report.json").toString());
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    /** Every object node of the document with the path to it, to pick from. */
    static void objects(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            out.add(at);
            for (String name : node.propertyNames()) {
                objects(node.get(name), at + "/" + name, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                objects(node.get(i), at + "/" + i, out);
            }
        }
    }

    static final List<JsonNode> VALUES = List.of(
            JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.stringNode(""),
            JsonNodeFactory.instance.stringNode("0001-01-01T00:00:00Z"),
            JsonNodeFactory.instance.stringNode("9999-12-31T23:59:59Z"),
            JsonNodeFactory.instance.stringNode("9999-12-31"),
            JsonNodeFactory.instance.stringNode("0001-01-01"),
            JsonNodeFactory.instance.numberNode(0),
            JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
            JsonNodeFactory.instance.numberNode(10.0),
            JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode());

    /** One mutation at a random object: a field removed, replaced by an odd value, or copied from elsewhere. */
    static void mutate(JsonNode root, Random random, List<String> paths) {
        ObjectNode target = (ObjectNode) root.at(paths.get(random.nextInt(paths.size())));
        List<String> names = new ArrayList<>(target.propertyNames());
        if (names.isEmpty()) {
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(4)) {
            case 0 -> target.remove(name);
            case 1 -> target.set(name, VALUES.get(random.nextInt(VALUES.size())).deepCopy());
            case 2 -> {
                // A value of the same field from another object of the document: plausible, often inconsistent.
                ObjectNode other = (ObjectNode) root.at(paths.get(random.nextInt(paths.size())));
                if (other.has(name)) {
                    target.set(name, other.get(name).deepCopy());
                }
            }
            default -> {
                JsonNode value = target.get(name);
                if (value instanceof ArrayNode array && !array.isEmpty()) {
                    array.remove(random.nextInt(array.size()));
                } else if (value.isString() && value.asString().length() > 3) {
                    String s = value.asString();
                    target.put(name, s.substring(0, s.length() - 1 - random.nextInt(3)));
                }
            }
        }
    }

    @Test
    void noDocumentTheSchemaAcceptsFailsWithAnInternalError() throws IOException {
        fuzz(DEMO, 20261202, MUTANTS);
    }

    /** The same over a document of enforcement history: cases, actions, votes, appeals, outreach, effects. */
    @Test
    void noEnforcementHistoryTheSchemaAcceptsFailsWithAnInternalError() throws IOException {
        fuzz(HISTORY, 20261203, MUTANTS / 2);
    }

    void fuzz(Path seed, long seedNumber, int mutants) throws IOException {
        JsonNode demo = JsonMapper.shared().readTree(Files.readString(seed));
        List<String> paths = new ArrayList<>();
        objects(demo, "", paths);
        paths.remove("");
        Random random = new Random(seedNumber);
        int accepted = 0;
        int evaluated = 0;
        for (int i = 0; i < mutants; i++) {
            JsonNode mutant = demo.deepCopy();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                mutate(mutant, random, paths);
            }
            Path file = dir.resolve("mutant.json");
            Files.writeString(file, JsonMapper.shared().writeValueAsString(mutant));
            boolean schemaAccepts =
                    JsonSchemaCheck.SNAPSHOT.checkDocument(mutant).isEmpty();
            Run run = evaluate(file);
            String what = "mutant " + i + " (schema " + (schemaAccepts ? "accepts" : "refuses") + "): " + run.err();
            assertThat(run.err())
                    .as(what)
                    .doesNotContain("Exception", "\tat ", "Cannot construct", "Cannot invoke", "is null");
            if (schemaAccepts) {
                accepted++;
                assertThat(run.exitCode()).as(what).isIn(0, 2);
                evaluated += run.exitCode() == 0 ? 1 : 0;
            } else {
                assertThat(run.exitCode()).as(what).isEqualTo(2);
            }
        }
        // The mutations reach both sides of the schema, and most accepted documents are evaluated.
        assertThat(accepted).isBetween(mutants / 10, mutants - mutants / 10);
        assertThat(evaluated).isPositive();
    }
}
