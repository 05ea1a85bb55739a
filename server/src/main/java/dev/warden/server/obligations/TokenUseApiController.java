package dev.warden.server.obligations;

import dev.warden.server.api.Bodies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps/{key}/token-use}: an app's use of user API tokens (docs/policy section 6). */
@RestController
@RequestMapping("/api/v1/apps/{key}/token-use")
@Tag(name = "User API tokens", description = "Declarations, migration, extensions and scan evidence per app")
class TokenUseApiController {
    /** The largest scan report accepted. */
    private final TokenUses tokenUses;

    TokenUseApiController(TokenUses tokenUses) {
        this.tokenUses = tokenUses;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get an app's token use",
            description = "The declaration, migration, extension and latest scan evidence, whether the app counts as"
                    + " new under the policy, and its deadline.")
    TokenUses.TokenUseView get(@PathVariable String key, Actor actor) {
        return tokenUses.get(key, actor);
    }

    @PutMapping("/declaration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Declare whether the app handles user API tokens",
            description = "Body: collects, transmits, stores (each true or false).")
    TokenUses.TokenUseView declare(
            @PathVariable String key, @RequestBody ObligationRequests.Declaration body, Actor actor) {
        return tokenUses.declare(key, body, actor);
    }

    @PutMapping("/migration")
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Report the migration off tokens",
            description = "Body: migration (NOT_STARTED, IN_PROGRESS," + " MIGRATED).")
    TokenUses.TokenUseView migration(
            @PathVariable String key, @RequestBody ObligationRequests.Migration body, Actor actor) {
        return tokenUses.migration(key, body, actor);
    }

    @PutMapping("/extension")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    @Operation(
            summary = "Record the platform work that extends the window",
            description = "Body: platformRequest, open (default true). Extends an existing app's window while open;"
                    + " a new app gets no extension.")
    TokenUses.TokenUseView extension(
            @PathVariable String key, @RequestBody ObligationRequests.Extension body, Actor actor) {
        return tokenUses.extension(key, body, actor);
    }

    @PostMapping("/scans")
    @Requires(Permission.OBLIGATIONS_MANAGE)
    @Operation(
            summary = "Record scanner evidence",
            description = "Body: the report of `warden scan --format json` on the app's artifact. Its pat-collection,"
                    + " atlassian-api-token and dc-personal-access-token findings (masked previews only) become the"
                    + " app's evidence, replacing the previous scan's; a clean report clears it.")
    TokenUses.TokenUseView scan(@PathVariable String key, HttpServletRequest request, Actor actor) throws IOException {
        return tokenUses.scan(key, Bodies.readAtMost(request.getInputStream(), TokenUses.MAX_REPORT_BYTES), actor);
    }
}
