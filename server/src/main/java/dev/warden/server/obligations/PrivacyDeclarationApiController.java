package dev.warden.server.obligations;

import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/apps/{key}/privacy-declaration}: what the app's Privacy and Security tab declares. */
@RestController
@RequestMapping("/api/v1/apps/{key}/privacy-declaration")
@Tag(name = "Privacy and Security declarations", description = "Declarations per app, reconciled with observations")
class PrivacyDeclarationApiController {
    private final PrivacyDeclarations declarations;

    PrivacyDeclarationApiController(PrivacyDeclarations declarations) {
        this.declarations = declarations;
    }

    @GetMapping
    @Requires(Permission.OBLIGATIONS_READ)
    @Operation(
            summary = "Get an app's Privacy and Security declaration",
            description = "The declaration in force, each difference between it and what Warden observes now (scan"
                    + " evidence, the security questionnaire, OAuth clients' secret storage, redirect URIs and scopes,"
                    + " hard-coded secrets found), and every declaration, newest first.")
    PrivacyDeclarations.DeclarationView get(@PathVariable String key, Actor actor) {
        return declarations.get(key, actor);
    }

    @PostMapping
    @Requires(Permission.OBLIGATIONS_RESPOND)
    @Operation(
            summary = "Declare what the Privacy and Security tab says",
            description = "Body: appVersion, storesData, storageRegions, egressDomains (a leading *. covers"
                    + " subdomains), handlesUserApiTokens, oauthSecretStorage (absent: no OAuth secret), subprocessors."
                    + " Recorded as made now by the caller; earlier declarations are kept.")
    PrivacyDeclarations.DeclarationView declare(
            @PathVariable String key, @RequestBody PrivacyDeclarations.Declare body, Actor actor) {
        return declarations.declare(key, body, actor);
    }
}
