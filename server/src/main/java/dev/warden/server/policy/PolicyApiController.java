package dev.warden.server.policy;

import dev.warden.core.policy.PolicyVersion;
import dev.warden.core.policy.PolicyVersions;
import dev.warden.server.api.Bodies;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.InvalidParameterException;
import dev.warden.server.shared.NotFoundException;
import dev.warden.server.shared.Permission;
import dev.warden.server.shared.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/policies}: the policy versions, drafts, and publication. */
@RestController
@RequestMapping("/api/v1/policies")
@Tag(name = "Policies", description = "Policy versions as data: built-in, published, and drafts to try out")
class PolicyApiController {
    private static final long MAX_DOCUMENT = 256 * 1024;

    private final Policies policies;
    private final Clock clock;

    PolicyApiController(Policies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** A version as listed. */
    record Summary(
            String id,
            StoredPolicy.Status status,
            String title,
            LocalDate effectiveFrom,
            boolean inForce,
            @Nullable String source,
            List<String> operatorSet) {}

    /** A version in full: the summary, every parameter, and the document it was read from. */
    @Schema(name = "PolicyDetail")
    record Detail(Summary summary, PolicyVersion policy, String document) {}

    @GetMapping
    @Requires(Permission.POLICY_READ)
    @Operation(
            summary = "List policy versions",
            description = "Built-in and published versions; drafts for those who manage policy.")
    List<Summary> list(Actor actor) {
        String inForce = policies.inForce().inForceAt(clock.instant()).id();
        return policies.list(actor.can(Permission.POLICY_MANAGE)).stream()
                .map(p -> summary(p, inForce))
                .toList();
    }

    @GetMapping("/in-force")
    @Requires(Permission.POLICY_READ)
    @Operation(
            summary = "The version in force",
            description = "Now, or at the instant given as at=2026-03-01T00:00:00Z.")
    Detail inForce(@RequestParam(required = false) @Nullable Instant at) {
        Instant instant = at == null ? clock.instant() : at;
        PolicyVersions versions = policies.inForce();
        String id = versions.findInForceAt(instant)
                .orElseThrow(() -> new InvalidParameterException("at", versions.noneInForce(instant)))
                .id();
        return detail(
                policies.get(id), policies.inForce().inForceAt(clock.instant()).id());
    }

    @GetMapping("/{id}")
    @Requires(Permission.POLICY_READ)
    @Operation(
            summary = "Get a policy version",
            description = "Every parameter, which are operator-set, and the YAML document.")
    Detail get(@PathVariable String id, Actor actor) {
        StoredPolicy policy = policies.get(id);
        if (policy.status() == StoredPolicy.Status.DRAFT && !actor.can(Permission.POLICY_MANAGE)) {
            throw new NotFoundException("No policy version '" + id + "'");
        }
        return detail(policy, policies.inForce().inForceAt(clock.instant()).id());
    }

    @PostMapping(
            consumes = {"application/yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires(Permission.POLICY_MANAGE)
    @Operation(
            summary = "Add a draft",
            description = "Body: a warden.policy/v1 document (YAML or JSON); its id must be new.")
    ResponseEntity<Detail> create(HttpServletRequest request, Actor actor) throws IOException {
        StoredPolicy draft = policies.createDraft(body(request), actor);
        return ResponseEntity.created(URI.create("/api/v1/policies/" + draft.id()))
                .body(detail(
                        draft, policies.inForce().inForceAt(clock.instant()).id()));
    }

    @PutMapping(
            path = "/{id}",
            consumes = {"application/yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires(Permission.POLICY_MANAGE)
    @Operation(summary = "Change a draft", description = "Published and built-in versions never change.")
    Detail replace(@PathVariable String id, HttpServletRequest request, Actor actor) throws IOException {
        return detail(
                policies.replaceDraft(id, body(request), actor),
                policies.inForce().inForceAt(clock.instant()).id());
    }

    @DeleteMapping("/{id}")
    @Requires(Permission.POLICY_MANAGE)
    @Operation(summary = "Delete a draft")
    ResponseEntity<Void> delete(@PathVariable String id, Actor actor) {
        policies.deleteDraft(id, actor);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/publish")
    @Requires(Permission.POLICY_MANAGE)
    @Operation(
            summary = "Publish a draft",
            description =
                    "It takes effect on its effectiveFrom (today or later, after the latest version) and never changes.")
    Detail publish(@PathVariable String id, Actor actor) {
        return detail(
                policies.publish(id, actor),
                policies.inForce().inForceAt(clock.instant()).id());
    }

    private static String body(HttpServletRequest request) throws IOException {
        return new String(Bodies.readAtMost(request.getInputStream(), MAX_DOCUMENT), StandardCharsets.UTF_8);
    }

    private static Summary summary(StoredPolicy p, String inForce) {
        PolicyVersion v = p.version();
        return new Summary(
                p.id(), p.status(), v.title(), v.effectiveFrom(), p.id().equals(inForce), v.source(), v.operatorSet());
    }

    private static Detail detail(StoredPolicy p, String inForce) {
        return new Detail(summary(p, inForce), p.version(), p.document());
    }
}
