package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.core.audit.ChainCheck;
import dev.warden.core.audit.ChainHash;
import dev.warden.core.audit.ChainedEntry;
import dev.warden.core.audit.Checkpoint;
import dev.warden.server.identity.ApiClients;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ways someone with write access to the database might hide what they did, each detected: by the
 * chain itself, or by the signed checkpoints kept outside the database. Before each scenario the trail
 * holds entries covered by a checkpoint; after it, the trail and the checkpoint file are put back.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = "warden.jobs.enabled=false") // nothing appends behind a scenario's back
class AuditTamperIT {
    static final HttpServer RECEIVER;
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger RECEIVER_STATUS = new AtomicInteger(204);

    static {
        try {
            RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RECEIVER.createContext("/checkpoints", exchange -> {
            RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(RECEIVER_STATUS.get(), -1);
            exchange.close();
        });
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add(
                "warden.audit.checkpoint.webhook-url",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/checkpoints");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    CheckpointSettings settings;

    Http admin;
    List<ChainedEntry> saved;
    byte[] savedCheckpoints;

    @BeforeEach
    void aCheckpointedTrail() throws IOException {
        admin = TestClients.admin(new Http(port), clients);
        for (int i = 0; i < 3; i++) {
            String id = "tamper-" + System.nanoTime();
            assertThat(admin.post(
                                    "/api/v1/partners",
                                    "{\"id\": \"%s\", \"name\": \"Tamper\", \"tier\": \"NONE\"}".formatted(id))
                            .status())
                    .isEqualTo(201);
        }
        checkpoints.take();
        saved = entries();
        savedCheckpoints = Files.readAllBytes(settings.file());
        assertThat(trail.verify().intact()).isTrue();
    }

    @AfterEach
    void putBack() throws IOException {
        jdbc.sql("delete from audit_log").update();
        for (ChainedEntry e : saved) {
            insert(e);
        }
        ChainedEntry last = saved.get(saved.size() - 1);
        moveHead(last.seq(), last.hash());
        Files.write(settings.file(), savedCheckpoints);
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aTimestampMovedByOneMicrosecondIsABrokenEntryNotAnError() {
        ChainedEntry target = saved.get(1);
        jdbc.sql("update audit_log set at = :at where seq = :seq")
                .param(
                        "at",
                        java.time.OffsetDateTime.ofInstant(
                                target.at().plus(1, ChronoUnit.MICROS), java.time.ZoneOffset.UTC))
                .param("seq", target.seq())
                .update();

        assertBroken(target.seq(), "content does not match");
        Http.Response viaApi = admin.get("/api/v1/audit/verify");
        assertThat(viaApi.status()).isEqualTo(200);
        assertThat(viaApi.json().get("intact").asBoolean()).isFalse();
        assertThat(viaApi.json().get("brokenAt").asLong()).isEqualTo(target.seq());
    }

    @Test
    void aPartnerChangedFromNoneToEmptyIsFound() {
        ChainedEntry target = saved.stream()
                .filter(e -> e.partner() == null && e.scheme() == ChainHash.CANONICAL)
                .findFirst()
                .orElseThrow();
        jdbc.sql("update audit_log set partner_id = '' where seq = :seq")
                .param("seq", target.seq())
                .update();

        assertBroken(target.seq(), "content does not match");
    }

    @Test
    void aRowDeletedFromTheMiddleIsFound() {
        long seq = saved.get(2).seq();
        jdbc.sql("delete from audit_log where seq = :seq").param("seq", seq).update();

        assertBroken(seq, "entry " + seq + " is missing");
    }

    @Test
    void theLastRowDeletedWithTheHeadMovedBackIsFoundByTheCheckpoint() {
        ChainedEntry last = saved.get(saved.size() - 1);
        ChainedEntry before = saved.get(saved.size() - 2);
        jdbc.sql("delete from audit_log where seq = :seq")
                .param("seq", last.seq())
                .update();
        moveHead(before.seq(), before.hash());

        assertBroken(last.seq(), "entries " + last.seq() + " to " + last.seq() + " were removed");
    }

    @Test
    void aRowEditedWithEveryLaterHashRecomputedIsFoundByTheCheckpoint() {
        List<ChainedEntry> forged = rewrite(saved, 1, "{\"rewritten\":true}");
        jdbc.sql("delete from audit_log").update();
        forged.forEach(this::insert);
        ChainedEntry head = forged.get(forged.size() - 1);
        moveHead(head.seq(), head.hash());

        // The chain alone is consistent again; only the checkpoints, signed outside the database, tell:
        // the first one naming a rewritten entry (earlier scenarios' checkpoints are in the file too).
        ChainCheck check = trail.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.brokenAt()).isBetween(forged.get(1).seq(), head.seq());
        assertThat(check.problem()).contains("differs from the signed checkpoint");
    }

    @Test
    void theWholeTrailWipedAndTheHeadResetIsFoundByTheCheckpoint() {
        jdbc.sql("delete from audit_log").update();
        moveHead(0, ChainHash.GENESIS);

        assertBroken(1, "entries 1 to " + saved.get(saved.size() - 1).seq() + " were removed");
    }

    @Test
    void anEntryDowngradedToTheLegacySchemeIsFound() {
        ChainedEntry last = saved.get(saved.size() - 1);
        ChainedEntry legacy = new ChainedEntry(
                        last.seq(),
                        ChainHash.LEGACY,
                        last.at(),
                        last.actorKind(),
                        last.actorId(),
                        last.action(),
                        last.subjectType(),
                        last.subjectId(),
                        last.partner(),
                        last.details(),
                        last.prevHash(),
                        "")
                .sealed();
        jdbc.sql("delete from audit_log where seq = :seq")
                .param("seq", last.seq())
                .update();
        insert(legacy);
        moveHead(legacy.seq(), legacy.hash());

        assertBroken(last.seq(), "older hash scheme");
    }

    @Test
    void aRewrittenChainWithACheckpointSignedByAnotherKeyIsFound() throws IOException {
        List<ChainedEntry> forged = rewrite(saved, 1, "{\"rewritten\":true}");
        jdbc.sql("delete from audit_log").update();
        forged.forEach(this::insert);
        ChainedEntry head = forged.get(forged.size() - 1);
        moveHead(head.seq(), head.hash());
        // The forger also rewrites the checkpoint file, signing with a key of their own.
        CheckpointKey theirs = CheckpointKey.generate();
        Files.writeString(settings.file(), "");
        CheckpointLog.append(
                settings.file(), CheckpointLog.sign(new Checkpoint(head.seq(), head.hash(), Instant.now()), theirs));

        ChainCheck check = trail.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).contains("cannot be trusted", "signed with key " + theirs.id());
    }

    @Test
    void anEditedCheckpointLineIsFound() throws IOException {
        String file = Files.readString(settings.file());
        ChainedEntry before = saved.get(saved.size() - 2);
        // Point the last checkpoint at an earlier entry so the shortened chain would match it.
        String edited = file.replaceFirst(
                "\\{\"seq\":" + saved.get(saved.size() - 1).seq() + ",\"hash\":\"[0-9a-f]{64}\"",
                "{\"seq\":" + before.seq() + ",\"hash\":\"" + before.hash() + "\"");
        assertThat(edited).isNotEqualTo(file);
        Files.writeString(settings.file(), edited);

        ChainCheck check = trail.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).contains("signature does not match its content");
    }

    @Test
    void anUnreadableCheckpointFileIsReportedAsSuchNotAsAnIntactChain() throws IOException {
        Files.writeString(settings.file(), "not a checkpoint\n");

        Http.Response viaApi = admin.get("/api/v1/audit/verify");
        assertThat(viaApi.status()).isEqualTo(503);
        assertThat(viaApi.json().get("type").asString()).endsWith("/unavailable");
        assertThat(viaApi.json().get("detail").asString()).contains("line 1 of the checkpoint file");
    }

    @Test
    void eachCheckpointGoesToTheWebhookSignedAndAFailedDeliveryIsRetried() throws Exception {
        RECEIVED.clear();
        RECEIVER_STATUS.set(503);
        admin.post(
                "/api/v1/partners",
                "{\"id\": \"hook-%d\", \"name\": \"Hook\", \"tier\": \"NONE\"}".formatted(System.nanoTime()));
        Checkpoint taken = checkpoints.take().orElseThrow();
        assertThat(RECEIVED).hasSize(1);
        assertThat(checkpoints.take()).isEmpty(); // the head has not moved: nothing new is written...
        assertThat(RECEIVED).hasSize(2); // ...but the refused delivery is tried again
        RECEIVER_STATUS.set(204);
        checkpoints.take();
        assertThat(RECEIVED).hasSize(3);
        checkpoints.take();
        assertThat(RECEIVED).hasSize(3); // delivered: not sent again

        JsonNode sent = JsonMapper.shared().readTree(RECEIVED.get(2));
        assertThat(sent.get("seq").asLong()).isEqualTo(taken.seq());
        assertThat(sent.get("hash").asString()).isEqualTo(taken.hash());
        // Anyone holding the public key can check it.
        java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getMimeDecoder()
                        .decode(checkpoints
                                .publicKey()
                                .replaceAll("-----[A-Z ]+-----", "")
                                .strip())));
        java.security.Signature signature = java.security.Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(("warden-audit-checkpoint/1\n" + taken.seq() + "\n" + taken.hash() + "\n" + taken.at() + "\n"
                        + sent.get("key").asString())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(
                        Base64.getDecoder().decode(sent.get("signature").asString())))
                .isTrue();
        saved = entries(); // the trail grew in this test; put back what is there now
        savedCheckpoints = Files.readAllBytes(settings.file());
    }

    private void assertBroken(long seq, String problem) {
        ChainCheck check = trail.verify();
        assertThat(check.intact()).as("tampering found").isFalse();
        assertThat(check.brokenAt()).isEqualTo(seq);
        assertThat(check.problem()).contains(problem);
    }

    /** The entries from {@code from} (0-based) on, the first given new details, every hash recomputed. */
    static List<ChainedEntry> rewrite(List<ChainedEntry> entries, int from, String details) {
        List<ChainedEntry> out = new ArrayList<>(entries.subList(0, from));
        String prev = entries.get(from - 1).hash();
        for (int i = from; i < entries.size(); i++) {
            ChainedEntry e = entries.get(i);
            ChainedEntry relinked = new ChainedEntry(
                            e.seq(),
                            e.scheme(),
                            e.at(),
                            e.actorKind(),
                            e.actorId(),
                            e.action(),
                            e.subjectType(),
                            e.subjectId(),
                            e.partner(),
                            i == from ? details : e.details(),
                            prev,
                            "")
                    .sealed();
            out.add(relinked);
            prev = relinked.hash();
        }
        return out;
    }

    private List<ChainedEntry> entries() {
        return jdbc.sql("select seq, scheme, at, actor_kind, actor_id, action, subject_type, subject_id, partner_id,"
                        + " details, prev_hash, hash from audit_log order by seq")
                .query((rs, n) -> new ChainedEntry(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12)))
                .list();
    }

    private void insert(ChainedEntry e) {
        jdbc.sql("insert into audit_log (seq, scheme, at, actor_kind, actor_id, action, subject_type, subject_id,"
                        + " partner_id, details, prev_hash, hash) values (:seq, :scheme, :at, :kind, :actor, :action,"
                        + " :type, :subject, :partner, :details, :prev, :hash)")
                .params(Map.ofEntries(
                        Map.entry("seq", e.seq()),
                        Map.entry("scheme", e.scheme()),
                        Map.entry("at", java.time.OffsetDateTime.ofInstant(e.at(), java.time.ZoneOffset.UTC)),
                        Map.entry("kind", e.actorKind()),
                        Map.entry("actor", e.actorId()),
                        Map.entry("action", e.action()),
                        Map.entry("type", e.subjectType()),
                        Map.entry("subject", e.subjectId()),
                        Map.entry("details", e.details()),
                        Map.entry("prev", e.prevHash()),
                        Map.entry("hash", e.hash())))
                .param("partner", e.partner(), java.sql.Types.VARCHAR)
                .update();
    }

    private void moveHead(long seq, String hash) {
        jdbc.sql("update audit_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq)
                .param("hash", hash)
                .update();
    }
}
