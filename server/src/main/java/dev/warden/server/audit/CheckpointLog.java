package dev.warden.server.audit;

import dev.warden.core.audit.Checkpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only file of signed checkpoints: one JSON object per line, {@code seq}, {@code hash},
 * {@code at}, {@code key} (the signing key's id) and {@code signature} (Ed25519, base64) over the
 * text {@code warden-audit-checkpoint/1\n<seq>\n<hash>\n<at>\n<key>}.
 */
final class CheckpointLog {
    /** A line of the file: a checkpoint and its signature. */
    record Signed(Checkpoint checkpoint, String key, String signature) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", checkpoint.seq());
            json.put("hash", checkpoint.hash());
            json.put("at", checkpoint.at().toString());
            json.put("key", key);
            json.put("signature", signature);
            return json;
        }
    }

    /**
     * What the file holds: the checkpoints whose signatures are good, in file order, and the first line
     * that is not signed by the key, if any.
     */
    record Reading(List<Checkpoint> signed, @Nullable Forgery forgery) {
        @Nullable
        Checkpoint latest() {
            return signed.isEmpty() ? null : signed.get(signed.size() - 1);
        }
    }

    /** A line whose signature does not hold: the file was edited, or written with another key. */
    record Forgery(int line, long seq, String problem) {}

    private CheckpointLog() {}

    static Signed sign(Checkpoint checkpoint, CheckpointKey key) {
        byte[] signature = key.sign(message(checkpoint, key.id()));
        return new Signed(checkpoint, key.id(), Base64.getEncoder().encodeToString(signature));
    }

    /** Appends a line and forces it to the disk before returning. */
    static void append(Path file, Signed line) {
        byte[] bytes = (JsonMapper.shared().writeValueAsString(line.json()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new CheckpointsUnreadable("cannot write to the checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the file; a missing file holds no checkpoint. A last line without its end (a write cut
     * short by a crash) is left out; any other line that is not a checkpoint makes the file unreadable.
     */
    static Reading read(Path file, @Nullable CheckpointKey key) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Reading(List.of(), null);
        } catch (IOException e) {
            throw new CheckpointsUnreadable("cannot read the checkpoint file " + file + ": " + e.getMessage(), e);
        }
        String[] lines = text.split("\n", -1);
        List<Checkpoint> signed = new ArrayList<>();
        Forgery forgery = null;
        // The element after the last newline is empty when the file ends cleanly, a cut line if not.
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Signed entry = parse(file, i + 1, line);
            if (key == null) {
                throw new CheckpointsUnreadable(
                        "the checkpoint file " + file + " holds checkpoints, but there is no key to check them with");
            }
            String problem = null;
            if (!entry.key().equals(key.id())) {
                problem =
                        "it is signed with key " + entry.key() + ", not with this server's checkpoint key " + key.id();
            } else if (!key.verifies(message(entry.checkpoint(), entry.key()), decode(entry.signature()))) {
                problem = "its signature does not match its content (the checkpoint was changed)";
            }
            if (problem != null) {
                if (forgery == null) {
                    forgery = new Forgery(i + 1, entry.checkpoint().seq(), problem);
                }
            } else {
                signed.add(entry.checkpoint());
            }
        }
        return new Reading(signed, forgery);
    }

    /**
     * The last whole checkpoint written, read from the file's end without checking its signature
     * (verification does that): enough to tell whether the head moved since. Null when there is none
     * or the last line does not parse.
     */
    static @Nullable Checkpoint last(Path file) {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 4096);
            ByteBuffer buffer = ByteBuffer.allocate(tail);
            channel.position(size - tail);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read the tail whole
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return null;
            }
            int start = text.lastIndexOf('\n', end - 1) + 1;
            return parse(file, 0, text.substring(start, end).strip()).checkpoint();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | CheckpointsUnreadable e) {
            return null;
        }
    }

    private static Signed parse(Path file, int number, String line) {
        try {
            JsonNode json = JsonMapper.shared().readTree(line);
            long seq = json.required("seq").asLong();
            String hash = json.required("hash").asString();
            Instant at = Instant.parse(json.required("at").asString());
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("hash is not 64 hexadecimal digits");
            }
            return new Signed(
                    new Checkpoint(seq, hash, at),
                    json.required("key").asString(),
                    json.required("signature").asString());
        } catch (JacksonException | DateTimeParseException | IllegalArgumentException e) {
            throw new CheckpointsUnreadable(
                    "line " + number + " of the checkpoint file " + file + " is not a checkpoint: " + e.getMessage(),
                    e);
        }
    }

    private static byte[] message(Checkpoint c, String key) {
        return ("warden-audit-checkpoint/1\n" + c.seq() + "\n" + c.hash() + "\n" + c.at() + "\n" + key)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
