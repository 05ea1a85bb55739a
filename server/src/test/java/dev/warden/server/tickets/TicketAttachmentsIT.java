package dev.warden.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.Users;
import dev.warden.server.shared.Role;
import dev.warden.server.testing.Artifacts;
import dev.warden.server.testing.DatabaseRequirement;
import dev.warden.server.testing.FreshWarden;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.SignIns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Files attached to tickets, treated as hostile: scanned before they are kept (archives inside too), a
 * file holding a secret refused with nothing of it kept, a compression bomb kept but marked as not read
 * in full, a program named as a picture called out, names stripped of folders and control characters,
 * size and count limits, downloads that a browser can only save, partners isolated, and removal only by
 * whoever attached the file or the operator's ticket managers.
 */
@ExtendWith(DatabaseRequirement.class)
class TicketAttachmentsIT {
    record World(FreshWarden warden, Http admin, Http pat, Http ann, Http bea, Http audrey, String ticket) {}

    static World world() {
        FreshWarden warden = FreshWarden.start(Map.of(
                "warden.jobs.enabled", "false",
                "warden.attachments.max-size", "2MB",
                "warden.attachments.max-per-ticket", "5"));
        Http admin = warden.admin();
        TicketDetailsIT.acmeAndBolt(admin);
        Users users = warden.bean(Users.class);
        SignIns.createUser(users, "pat@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "ann@acme.example", "acme", Role.PARTNER);
        SignIns.createUser(users, "bea@bolt.example", "bolt", Role.PARTNER);
        SignIns.createUser(users, "audrey@op.example", null, Role.AUDITOR);
        int port = warden.port();
        Http.Response made = admin.post("/api/v1/tickets", """
                {"type": "SECURITY", "app": "com.acme.app", "hosting": "CLOUD", "title": "Stored XSS",
                 "cvss": "%s"}""".formatted(TicketDetailsIT.HIGH));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return new World(
                warden,
                admin,
                SignIns.person(port, "pat@acme.example"),
                SignIns.person(port, "ann@acme.example"),
                SignIns.person(port, "bea@bolt.example"),
                SignIns.person(port, "audrey@op.example"),
                made.json().get("key").asString());
    }

    @Test
    void aProofOfConceptIsKeptScannedAndOnlyEverDownloaded() throws Exception {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            Map<String, byte[]> inside = new LinkedHashMap<>();
            inside.put("steps.txt", "1. Insert a macro\n2. Watch the alert\n".getBytes(StandardCharsets.UTF_8));
            inside.put("screenshot.png", png());
            byte[] poc = Artifacts.zip(inside);
            String path = "/api/v1/tickets/" + w.ticket() + "/attachments";

            Http.Response added = w.pat().multipart(path, Map.of(), "poc.zip", poc);
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            JsonNode a = added.json();
            assertThat(added.header("Location"))
                    .isEqualTo(path + "/" + a.get("id").asLong());
            assertThat(a.get("name").asString()).isEqualTo("poc.zip");
            assertThat(a.get("mediaType").asString()).isEqualTo("application/zip");
            assertThat(a.get("size").asLong()).isEqualTo(poc.length);
            assertThat(a.get("sha256").asString()).isEqualTo(sha256(poc));
            assertThat(a.get("scannedFully").asBoolean()).isTrue();
            assertThat(a.get("scanNotes").size()).isZero();
            assertThat(a.get("addedBy").asString()).contains("pat@acme.example");
            assertThat(a.get("removable").asBoolean()).isTrue();

            // The operator sees it and may remove it; another person of the partner sees it but may not.
            JsonNode listed = w.admin().get(path).json();
            assertThat(listed.size()).isOne();
            assertThat(listed.get(0).get("removable").asBoolean()).isTrue();
            assertThat(w.ann().get(path).json().get(0).get("removable").asBoolean())
                    .isFalse();

            // A download that a browser can only save: never shown inline, never sniffed, never scripted.
            HttpResponse<byte[]> download =
                    bytes(w.warden(), w.admin(), path + "/" + a.get("id").asLong());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(poc);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment;")
                    .contains("poc.zip");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(download.headers().allValues("Content-Security-Policy"))
                    .anySatisfy(csp -> assertThat(csp).contains("sandbox"));

            // Another partner learns nothing: not the list, not the file, not that the ticket exists.
            assertThat(w.bea().get(path).status()).isEqualTo(404);
            assertThat(w.bea().get(path + "/" + a.get("id").asLong()).status()).isEqualTo(404);
            assertThat(w.bea()
                            .multipart(path, Map.of(), "x.txt", "x".getBytes(StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(404);
            // Reading is not attaching.
            assertThat(w.audrey().get(path).status()).isEqualTo(200);
            assertThat(w.audrey()
                            .multipart(path, Map.of(), "x.txt", "x".getBytes(StandardCharsets.UTF_8))
                            .status())
                    .isEqualTo(403);

            // Removal: not by another person of the partner, then by the one who attached it.
            String one = path + "/" + a.get("id").asLong();
            assertThat(w.ann().send("DELETE", one, null, null).status()).isEqualTo(403);
            assertThat(w.bea().send("DELETE", one, null, null).status()).isEqualTo(404);
            assertThat(w.pat().send("DELETE", one, null, null).status()).isEqualTo(204);
            assertThat(w.admin().get(path).json().size()).isZero();
            assertThat(w.warden().bean(AttachmentStore.class).has(sha256(poc)))
                    .as("its bytes are gone with the last attachment that had them")
                    .isFalse();
            assertThat(w.admin().get(one).status()).isEqualTo(404);

            JsonNode audit =
                    w.admin().get("/api/v1/audit?subjectId=" + w.ticket()).json();
            assertThat(audit.toString()).contains("TICKET_ATTACHMENT_ADDED", "TICKET_ATTACHMENT_REMOVED", sha256(poc));
        }
    }

    @Test
    void aFileHoldingASecretIsRefusedAndNothingOfItKept() throws Exception {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String path = "/api/v1/tickets/" + w.ticket() + "/attachments";
            String token = Artifacts.apiToken(7);
            byte[] log =
                    ("GET /rest/api/3/myself\nAuthorization: Basic " + token + "\n").getBytes(StandardCharsets.UTF_8);
            Http.Response refused = w.pat().multipart(path, Map.of(), "request.log", log);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body())
                    .contains("/file", "secret", "ATATT3", "request.log, line 2")
                    .doesNotContain(token);

            // In a class file in a JAR in a ZIP: found all the same.
            String secret = Artifacts.clientSecret(3);
            byte[] nested = Artifacts.zip(Map.of(
                    "app.jar",
                    Artifacts.zip(
                            Map.of("com/acme/Oauth.class", Artifacts.classHolding("Oauth", "CLIENT_SECRET", secret)))));
            Http.Response deep = w.pat().multipart(path, Map.of(), "app-build.zip", nested);
            assertThat(deep.status()).as(deep.body()).isEqualTo(400);
            assertThat(deep.body())
                    .contains("app-build.zip!/app.jar!/com/acme/Oauth.class")
                    .doesNotContain(secret);

            assertThat(w.admin().get(path).json().size()).isZero();
            AttachmentStore store = w.warden().bean(AttachmentStore.class);
            assertThat(store.has(sha256(log))).isFalse();
            assertThat(store.has(sha256(nested))).isFalse();
            assertThat(w.admin()
                            .get("/api/v1/audit?action=TICKET_ATTACHMENT_ADDED")
                            .json()
                            .get("items")
                            .size())
                    .isZero();
        }
    }

    @Test
    void hostileFilesAreKeptOnlyWithinTheLimitsAndSaidForWhatTheyAre() {
        World w = world();
        try (FreshWarden ignored = w.warden()) {
            String path = "/api/v1/tickets/" + w.ticket() + "/attachments";
            // A compression bomb: kept (it is evidence), but said not to be read in full.
            byte[] bomb = Artifacts.zip(Map.of("zeros.bin", new byte[16 << 20]));
            assertThat(bomb.length).isLessThan(1 << 20);
            JsonNode kept =
                    w.admin().multipart(path, Map.of(), "bomb.zip", bomb).json();
            assertThat(kept.get("scannedFully").asBoolean()).as(kept.toString()).isFalse();
            assertThat(kept.get("scanNotes").toString()).contains("Not read", "zeros.bin");

            // A program named as a picture.
            byte[] program = windowsProgram();
            JsonNode exe = w.admin()
                    .multipart(path, Map.of(), "screenshot.png", program)
                    .json();
            assertThat(exe.get("mediaType").asString()).as(exe.toString()).startsWith("application/x-msdownload");
            assertThat(exe.get("scanNotes").toString()).contains("This is a program", "Its name says image/png");

            // Folders, control and bidirectional characters are not part of a name.
            JsonNode named = w.admin()
                    .multipart(path, Map.of(), "..\\..\\evil\u202Egnp.exe", "text".getBytes(StandardCharsets.UTF_8))
                    .json();
            assertThat(named.get("name").asString()).isEqualTo("evilgnp.exe");

            // Too large: 413 with the limit, and nothing kept.
            Http.Response large = w.admin().multipart(path, Map.of(), "big.bin", random(3 << 20));
            assertThat(large.status()).isEqualTo(413);
            assertThat(large.body()).contains("2 MiB", "warden.attachments.max-size");
            Http.Response empty = w.admin().multipart(path, Map.of(), "empty.txt", new byte[0]);
            assertThat(empty.status()).isEqualTo(400);

            // The count limit: five per ticket here.
            for (int i = 0; i < 2; i++) {
                assertThat(w.admin()
                                .multipart(path, Map.of(), "n" + i + ".txt", ("n" + i).getBytes(StandardCharsets.UTF_8))
                                .status())
                        .isEqualTo(201);
            }
            Http.Response sixth = w.admin().multipart(path, Map.of(), "six.txt", "6".getBytes(StandardCharsets.UTF_8));
            assertThat(sixth.status()).isEqualTo(409);
            assertThat(sixth.body()).contains("5 attachments already");
            assertThat(w.admin().get(path).json().size()).isEqualTo(5);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first bytes of a Windows program: the DOS header, its stub, and the PE signature. */
    private static byte[] windowsProgram() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        b[0x80] = 'P';
        b[0x81] = 'E';
        return b;
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new java.util.Random(1).nextBytes(b);
        return b;
    }

    private static HttpResponse<byte[]> bytes(FreshWarden warden, Http as, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + warden.port() + path))
                                .header("Authorization", as.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
