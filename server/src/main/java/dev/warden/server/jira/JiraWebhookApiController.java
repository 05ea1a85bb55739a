package dev.warden.server.jira;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/integrations/jira/webhook}: where Jira's webhook (registered by a Jira
 * administrator with the connection's secret) reports issue changes. A delivery without the right
 * {@code X-Hub-Signature} is refused (401) before its body is read as JSON.
 */
@RestController
@Tag(name = "Integrations", description = "Jira Cloud sync and Bugcrowd")
class JiraWebhookApiController {
    private static final Logger log = LoggerFactory.getLogger(JiraWebhookApiController.class);

    private final JiraConnections connections;
    private final JiraInbound inbound;

    JiraWebhookApiController(JiraConnections connections, JiraInbound inbound) {
        this.connections = connections;
        this.inbound = inbound;
    }

    @PostMapping("/api/v1/integrations/jira/webhook")
    @PublicEndpoint("Jira cannot hold a Warden credential; its deliveries are signed with the connection's secret")
    @Operation(
            summary = "Receive a Jira webhook delivery",
            description = "Signed by Jira with the connection's webhook secret (X-Hub-Signature: sha256=<hex"
                    + " HMAC-SHA256 of the body>). Issue updates (status, due date, priority) are taken or"
                    + " undone; the answer is 204 either way, 401 for a wrong or missing signature.")
    ResponseEntity<Void> receive(
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = JiraSignature.HEADER, required = false) @Nullable String signature,
            @RequestHeader(name = "X-Atlassian-Webhook-Identifier", required = false) @Nullable String delivery) {
        byte[] raw = body == null ? new byte[0] : body;
        String secret = connections.webhookSecret().orElse(null);
        if (secret == null || !JiraSignature.verify(secret, raw, signature)) {
            log.warn("a Jira webhook delivery was refused: {}", secret == null ? "no connection" : "bad signature");
            throw new BadCredentialsException("the delivery's X-Hub-Signature does not match the connection's secret");
        }
        JsonNode event;
        try {
            event = JsonMapper.shared().readTree(raw);
        } catch (JacksonException e) {
            throw new InvalidInputException("", "the delivery is not JSON");
        }
        String type = event.path("webhookEvent").asString("");
        if (type.equals("comment_created")) {
            JsonNode comment = event.path("comment");
            inbound.commentAdded(
                    event.path("issue").path("id").asString(""),
                    comment.path("id").asString(""),
                    comment.path("author").path("accountId").asString(null),
                    comment.path("author").path("displayName").asString("someone"),
                    Adf.text(comment.path("body")));
            return ResponseEntity.noContent().build();
        }
        if (!type.equals("jira:issue_updated")) {
            return ResponseEntity.noContent().build(); // other events are not Warden's business (yet)
        }
        List<JiraInbound.Change> changes = new ArrayList<>();
        for (JsonNode item : event.path("changelog").path("items")) {
            changes.add(new JiraInbound.Change(
                    item.path("field").asString(""),
                    item.path("fromString").asString(null),
                    item.path("toString").asString(null)));
        }
        JsonNode user = event.path("user");
        String issueId = event.path("issue").path("id").asString("");
        if (issueId.isEmpty() || changes.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        String deliveryId = delivery != null && !delivery.isBlank()
                ? delivery.strip()
                : event.path("timestamp").asString("") + ":"
                        + event.path("changelog").path("id").asString("");
        JiraInbound.Outcome outcome = inbound.issueChanged(
                issueId,
                user.path("accountId").asString(null),
                user.path("displayName").asString("someone"),
                changes,
                deliveryId);
        log.debug("Jira delivery {} for issue {}: {}", deliveryId, issueId, outcome);
        return ResponseEntity.noContent().build();
    }
}
