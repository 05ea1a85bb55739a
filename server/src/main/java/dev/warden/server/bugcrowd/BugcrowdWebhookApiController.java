package dev.warden.server.bugcrowd;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/integrations/bugcrowd/webhook/{secret}}: where Bugcrowd's outgoing webhook
 * delivers. The address's secret part, and Bugcrowd's digest once its secret is given, admit a delivery;
 * its content is only a hint of which submissions to read again from Bugcrowd's API ({@link
 * BugcrowdHints}), so nothing in it is believed.
 */
@RestController
@Tag(name = "Integrations", description = "Jira Cloud sync and Bugcrowd")
class BugcrowdWebhookApiController {
    private static final Logger log = LoggerFactory.getLogger(BugcrowdWebhookApiController.class);
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_SUBMISSIONS = 10;

    private final BugcrowdWebhook webhook;
    private final BugcrowdHints hints;

    BugcrowdWebhookApiController(BugcrowdWebhook webhook, BugcrowdHints hints) {
        this.webhook = webhook;
        this.hints = hints;
    }

    @PostMapping("/api/v1/integrations/bugcrowd/webhook/{secret}")
    @PublicEndpoint("Bugcrowd cannot hold a Warden credential; the address's secret part admits a delivery,"
            + " whose content is only a hint of what to read again with Warden's own token")
    @Operation(
            summary = "Receive a Bugcrowd webhook delivery",
            description = "The address, with its secret part, is made by POST /api/v1/integrations/bugcrowd/"
                    + "webhook-url and registered in Bugcrowd. The submissions the delivery names are read"
                    + " again from Bugcrowd's API and applied as a pull would; the answer is an empty 200 at"
                    + " once. Once Bugcrowd's webhook secret is given (PUT .../webhook-secret), the"
                    + " X-Bugcrowd-Digest header must be the HMAC-SHA256 of the raw body under it. 401 for an"
                    + " address not Warden's or a digest missing or wrong.")
    ResponseEntity<Void> receive(
            @PathVariable String secret,
            @RequestHeader(name = BugcrowdDigest.HEADER, required = false) @Nullable String digest,
            @RequestBody(required = false) byte @Nullable [] body) {
        byte[] raw = body == null ? new byte[0] : body;
        BugcrowdWebhook.Admission admission =
                secret.length() > 100 ? new BugcrowdWebhook.NotOurs() : webhook.admit(secret, raw, digest);
        if (admission instanceof BugcrowdWebhook.NotOurs) {
            log.warn("a Bugcrowd webhook delivery was refused: not the connection's address");
            throw new BadCredentialsException("not the address of the Bugcrowd connection's webhook");
        }
        if (admission instanceof BugcrowdWebhook.Refused refused) {
            log.warn("a Bugcrowd webhook delivery was refused: {}", refused.reason());
            throw new BadCredentialsException(refused.reason());
        }
        if (raw.length > MAX_BODY) {
            throw new InvalidInputException("", "the delivery is larger than 1 MiB");
        }
        JsonNode delivery;
        try {
            delivery = JsonMapper.shared().readTree(raw);
        } catch (JacksonException e) {
            throw new InvalidInputException("", "the delivery is not JSON");
        }
        Set<String> ids = BugcrowdPage.submissionIds(delivery, MAX_SUBMISSIONS);
        int taken = hints.offer(ids);
        log.debug(
                "Bugcrowd delivery {} names {} submission(s), {} new to read",
                delivery.path("data").path("attributes").path("key").asString("?"),
                ids.size(),
                taken);
        return ResponseEntity.ok().build();
    }
}
