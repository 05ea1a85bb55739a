package dev.warden.server.identity;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/clients}: machine clients and their secrets (administrators only). */
@RestController
@RequestMapping("/api/v1/clients")
@Tag(name = "API clients", description = "Machine clients for the client-credentials grant; administrators only")
@Requires(Permission.CLIENTS_MANAGE)
class ClientApiController {
    private final ApiClients clients;

    ClientApiController(ApiClients clients) {
        this.clients = clients;
    }

    @GetMapping
    @Operation(summary = "List API clients")
    List<ApiClient> list() {
        return clients.list();
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "Get an API client")
    ApiClient get(@PathVariable String clientId) {
        return clients.get(clientId);
    }

    @PostMapping
    @Operation(
            summary = "Register an API client",
            description =
                    "Body: name, scopes (for example [\"catalog:read\"]), and partner to act for one partner only."
                            + " The answer holds clientSecret, shown once; Warden keeps only its hash.")
    ResponseEntity<ApiClients.RegisteredClient> register(@RequestBody ApiClients.NewClient request, Actor actor) {
        ApiClients.RegisteredClient registered = clients.register(request, actor);
        return ResponseEntity.created(
                        URI.create("/api/v1/clients/" + registered.client().clientId()))
                .body(registered);
    }

    @PostMapping("/{clientId}/secret")
    @Operation(
            summary = "Rotate a client's secret",
            description = "The old secret stops working at once. The new one is shown once.")
    ApiClients.RegisteredClient rotate(@PathVariable String clientId, Actor actor) {
        return clients.rotateSecret(clientId, actor);
    }

    @PostMapping("/{clientId}/revoke")
    @Operation(summary = "Revoke a client", description = "Its secret and every token it holds stop working at once.")
    ApiClient revoke(@PathVariable String clientId, Actor actor) {
        return clients.revoke(clientId, actor);
    }
}
