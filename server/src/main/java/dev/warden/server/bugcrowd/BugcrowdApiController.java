package dev.warden.server.bugcrowd;

import dev.warden.core.validation.InvalidInputException;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/integrations/bugcrowd}: the Bugcrowd connection, its linked programs, test, pull and status. */
@RestController
@Tag(name = "Integrations", description = "Jira Cloud sync and Bugcrowd")
class BugcrowdApiController {
    private final BugcrowdConnections connections;
    private final BugcrowdLinks links;
    private final BugcrowdPull pull;
    private final BugcrowdWebhook webhook;

    BugcrowdApiController(
            BugcrowdConnections connections, BugcrowdLinks links, BugcrowdPull pull, BugcrowdWebhook webhook) {
        this.connections = connections;
        this.links = links;
        this.pull = pull;
        this.webhook = webhook;
    }

    /** Bugcrowd's webhook secret, as its Edit webhook page shows it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "BugcrowdWebhookSecretInput")
    record SecretInput(@Nullable String secret) {}

    @GetMapping("/api/v1/integrations/bugcrowd")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "The Bugcrowd connection and how it is doing",
            description = "Settings (never the API token), the last pull and error, and per linked program the"
                    + " submissions seen, the tickets they opened, those waiting, and the program's health as"
                    + " measured from its submissions.")
    BugcrowdConnections.Status get() {
        return connections.status();
    }

    @PutMapping("/api/v1/integrations/bugcrowd")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Connect to Bugcrowd, or change the connection",
            description = "Body: apiToken (username:password, as Bugcrowd shows it; sealed and never shown again),"
                    + " apiUrl (https://api.bugcrowd.com), apiVersion (the Bugcrowd-Version pinned, 2024-01-11),"
                    + " enabled. Fields left out keep their value.")
    BugcrowdConnections.Status save(@RequestBody BugcrowdConnections.Input input, Actor actor) {
        return connections.save(input, actor);
    }

    @DeleteMapping("/api/v1/integrations/bugcrowd")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Disconnect from Bugcrowd",
            description = "The API token is forgotten; linked programs, submissions seen and tickets stay.")
    ResponseEntity<Void> delete(Actor actor) {
        connections.delete(actor);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/integrations/bugcrowd/test")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Test the connection",
            description = "Lists the programs the token sees and checks that every linked program is among them.")
    BugcrowdConnections.Test test(Actor actor) {
        return connections.test(actor);
    }

    @PostMapping("/api/v1/integrations/bugcrowd/webhook-url")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Make a new address for Bugcrowd's outgoing webhook",
            description = "Answered this once ({\"webhookUrl\"}); register it in Bugcrowd as the webhook's"
                    + " consumer URL. The address before it stops working.")
    Map<String, String> webhookUrl(Actor actor) {
        return Map.of("webhookUrl", webhook.newUrl(actor));
    }

    @PutMapping("/api/v1/integrations/bugcrowd/webhook-secret")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Check Bugcrowd's digest on every webhook delivery",
            description = "Body: {\"secret\"}, the secret on the webhook's Edit page in Bugcrowd (sealed, never"
                    + " shown again). From then on a delivery whose X-Bugcrowd-Digest is missing or not the"
                    + " HMAC-SHA256 of its body under the secret is refused (401) and counted on the status.")
    BugcrowdConnections.Status webhookSecret(@RequestBody SecretInput input, Actor actor) {
        if (input.secret() == null || input.secret().isBlank()) {
            throw new InvalidInputException("/secret", "is required; DELETE stops the check");
        }
        webhook.secret(input.secret(), actor);
        return connections.status();
    }

    @DeleteMapping("/api/v1/integrations/bugcrowd/webhook-secret")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Stop checking Bugcrowd's digest",
            description = "Deliveries are admitted by their address alone again; the secret is forgotten.")
    BugcrowdConnections.Status noWebhookSecret(Actor actor) {
        webhook.secret(null, actor);
        return connections.status();
    }

    @PostMapping("/api/v1/integrations/bugcrowd/pull")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Pull from Bugcrowd now",
            description = "Reads every submission of the linked programs and applies it to its ticket (the job"
                    + " bugcrowd-pull does so every 10 minutes on its own). Bugcrowd allows 60 requests a"
                    + " minute, so a large program takes a while; the answer comes when it is done.")
    BugcrowdPull.Result pullNow() {
        return pull.pull();
    }

    @PutMapping("/api/v1/integrations/bugcrowd/programs/{code}")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Link a Bugcrowd program to a Warden bug bounty program",
            description = "code: the program's code, as in its Bugcrowd address. Body: programId (the Warden"
                    + " program), targets (Bugcrowd target name → app-key/CLOUD or app-key/DATA_CENTER; the"
                    + " name * stands for every other target). A program covering one app with one listing"
                    + " needs no targets.")
    BugcrowdConnections.ProgramStatus link(
            @PathVariable String code, @RequestBody BugcrowdLinks.ProgramInput input, Actor actor) {
        return links.link(code, input, actor);
    }

    @DeleteMapping("/api/v1/integrations/bugcrowd/programs/{code}")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Unlink a Bugcrowd program", description = "Its tickets stay; pulls no longer read it.")
    ResponseEntity<Void> unlink(@PathVariable String code, Actor actor) {
        links.unlink(code, actor);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/integrations/bugcrowd/programs/{code}/submissions")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "The submissions seen in a linked program",
            description = "Newest first, at most limit (1 to 1000, 100 by default); waiting=true keeps those"
                    + " without a ticket for a reason someone can fix (an unmapped target, no priority yet).")
    List<BugcrowdConnections.SubmissionView> submissions(
            @PathVariable String code,
            @RequestParam(defaultValue = "false") boolean waiting,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidParameterException("limit", "is 1 to 1000");
        }
        return connections.submissions(code, waiting, limit);
    }
}
