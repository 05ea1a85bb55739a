package dev.warden.core.policy;

import dev.warden.core.cvss.Severity;
import dev.warden.core.validation.FieldError;
import dev.warden.core.validation.InvalidInputException;
import dev.warden.core.validation.JsonErrors;
import dev.warden.core.validation.JsonSchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a policy version from YAML (or JSON, which is YAML too) and checks it whole: the schema, then
 * what a schema cannot say (bands in order, ladders in order, two approvers for the severe steps,
 * operator-set paths that exist). Every error is reported with its location.
 */
public final class PolicyReader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private PolicyReader() {}

    /**
     * Reads one version.
     *
     * @param text the YAML or JSON document
     * @param origin where it came from, for messages (a file name, "draft 7")
     * @throws InvalidInputException listing every error
     */
    public static PolicyVersion read(String text, String origin) {
        return read(text, origin, true);
    }

    /**
     * Reads a version shipped inside Warden without the schema pass, which costs about a second of
     * start-up; the build's tests run every built-in version through {@link #read(String, String)}.
     */
    static PolicyVersion readBuiltIn(String text, String origin) {
        return read(text, origin, false);
    }

    private static PolicyVersion read(String text, String origin, boolean schema) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "policy " + origin + " is not YAML", List.of(JsonErrors.toFieldError(e, "")));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("", "policy " + origin + " must be a YAML mapping");
        }
        List<FieldError> errors = new ArrayList<>(schema ? JsonSchemaCheck.POLICY.checkDocument(tree) : List.of());
        if (!errors.isEmpty()) {
            throw new InvalidInputException("policy " + origin + " is invalid", errors);
        }
        if (!tree.has("operatorSet")) {
            ((ObjectNode) tree).putArray("operatorSet");
        }
        PolicyVersion version;
        try {
            version = YAML.treeToValue(tree, PolicyVersion.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "policy " + origin + " is invalid", List.of(JsonErrors.toFieldError(e, "")));
        }
        errors.addAll(consistency(version, tree));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("policy " + origin + " is invalid", errors);
        }
        return version;
    }

    private static List<FieldError> consistency(PolicyVersion v, JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        Severity[] order = Severity.values();
        for (int i = 1; i < order.length; i++) {
            if (v.minScore(order[i]) >= v.minScore(order[i - 1])) {
                errors.add(new FieldError(
                        "/severity/" + order[i],
                        "must be below " + order[i - 1] + " (" + v.minScore(order[i - 1]) + ")"));
            }
        }
        for (EnforcementAction severe : List.of(
                EnforcementAction.PAUSE_LISTING,
                EnforcementAction.SUSPEND_PARTNER,
                EnforcementAction.TERMINATE_PARTNER)) {
            if (v.enforcement().approvalsFor(severe) < 2) {
                errors.add(new FieldError(
                        "/enforcement/approvals/" + severe,
                        "must be at least 2: high-impact steps need a second person's approval"));
            }
        }
        for (Map.Entry<String, List<PolicyParts.LadderStep>> ladder :
                v.enforcement().ladders().entrySet()) {
            List<PolicyParts.LadderStep> steps = ladder.getValue();
            for (int i = 0; i < steps.size(); i++) {
                String at = "/enforcement/ladders/" + ladder.getKey() + "/" + i;
                if (steps.get(i).action() == EnforcementAction.TERMINATE_PARTNER) {
                    errors.add(new FieldError(at + "/action", "termination is never proposed automatically"));
                }
                if (i > 0 && steps.get(i).afterDays() < steps.get(i - 1).afterDays()) {
                    errors.add(new FieldError(at + "/afterDays", "steps must come in order of afterDays"));
                }
            }
        }
        if (v.scanner() != null) {
            v.scanner().findingCvss().forEach((rule, vector) -> {
                try {
                    dev.warden.core.cvss.CvssVector.parse(vector);
                } catch (dev.warden.core.cvss.InvalidCvssException e) {
                    errors.add(new FieldError("/scanner/findingCvss/" + rule, String.valueOf(e.getMessage())));
                }
            });
        }
        List<PolicyParts.Question> questions = v.questions();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            PolicyParts.Question q = questions.get(i);
            String at = "/questionnaire/" + i;
            if (!ids.add(q.id())) {
                errors.add(new FieldError(at + "/id", "repeats the id of an earlier question: " + q.id()));
            }
            if (q.type() == PolicyParts.AnswerType.YES_NO
                    && !q.answers().keySet().equals(java.util.Set.of("YES", "NO"))) {
                errors.add(new FieldError(at + "/answers", "a YES_NO question gives the signal of YES and of NO"));
            }
            if (q.type() == PolicyParts.AnswerType.CHOICE && q.answers().size() < 2) {
                errors.add(new FieldError(at + "/answers", "a CHOICE question offers at least two answers"));
            }
            if (q.type() == PolicyParts.AnswerType.TEXT && !q.answers().isEmpty()) {
                errors.add(new FieldError(at + "/answers", "a TEXT question raises no signal: give no answers"));
            }
            q.answers().forEach((answer, signal) -> {
                if (signal.signal() != PolicyParts.Signal.PASS && signal.why() == null) {
                    errors.add(new FieldError(
                            at + "/answers/" + answer + "/why",
                            "a " + signal.signal() + " says why: the partner reads it"));
                }
            });
        }
        for (int i = 0; i < v.operatorSet().size(); i++) {
            String path = v.operatorSet().get(i);
            if (tree.at("/" + path.replace('.', '/')).isMissingNode()) {
                errors.add(new FieldError("/operatorSet/" + i, "names no parameter of this policy: " + path));
            }
        }
        return errors;
    }
}
