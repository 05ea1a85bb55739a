package dev.warden.server.jira;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/integrations/jira}: the Jira connection's settings, test and status. */
@RestController
@Tag(name = "Integrations", description = "Jira Cloud sync and Bugcrowd")
class JiraApiController {
    private final JiraConnections connections;
    private final JiraPoll poll;

    JiraApiController(JiraConnections connections, JiraPoll poll) {
        this.connections = connections;
        this.poll = poll;
    }

    @GetMapping("/api/v1/integrations/jira")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "The Jira connection and how it is doing",
            description = "Settings (never the API token or the webhook secret), the webhook URL to register in"
                    + " Jira, last push and poll, the last error, and the pushes waiting in the outbox.")
    JiraConnections.Status get() {
        return connections.status();
    }

    @PutMapping("/api/v1/integrations/jira")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Connect to Jira, or change the connection",
            description = "Body: siteUrl, email and apiToken of the Jira account Warden acts as, projectKey,"
                    + " issueType, statuses (ticket status → Jira status name), priorities (severity → Jira"
                    + " priority name), enabled. Fields left out keep their value. The first save answers the"
                    + " webhook secret, shown this once.")
    JiraConnections.Saved save(@RequestBody JiraConnections.Input input, Actor actor) {
        return connections.save(input, actor);
    }

    @DeleteMapping("/api/v1/integrations/jira")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Disconnect from Jira", description = "Pushes still queued die; links to issues are kept.")
    ResponseEntity<Void> delete(Actor actor) {
        connections.delete(actor);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/integrations/jira/test")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(summary = "Test the connection", description = "Signs in to Jira and looks for the project.")
    JiraConnections.Test test(Actor actor) {
        return connections.test(actor);
    }

    @PostMapping("/api/v1/integrations/jira/webhook-secret")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Make a new webhook secret",
            description = "Answered this once; give it to Jira's webhook, which is refused until then.")
    Map<String, String> rotate(Actor actor) {
        return Map.of("webhookSecret", connections.rotateWebhookSecret(actor));
    }

    @PostMapping("/api/v1/integrations/jira/poll")
    @Requires(Permission.INTEGRATIONS_MANAGE)
    @Operation(
            summary = "Poll Jira now",
            description = "Looks for issues changed since the last poll (it runs every few minutes on its own).")
    JiraPoll.Result pollNow() {
        return poll.poll();
    }
}
