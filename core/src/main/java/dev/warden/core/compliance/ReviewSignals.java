package dev.warden.core.compliance;

import dev.warden.core.policy.PolicyParts;
import dev.warden.core.policy.PolicyParts.Signal;
import dev.warden.core.policy.PolicyVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The signals of the new-app security review (docs/policy section 6: "Any new app submitted to the
 * Marketplace must be fully compliant. Apps that collect, transmit, or store Atlassian user account API
 * tokens will not be approved during the security questionnaire review."): what each answer to the
 * questionnaire of the policy version signals, and what the scanner's findings on the submitted artifact
 * signal. A FAIL blocks approval unless a second person overrides it.
 */
public final class ReviewSignals {
    /** The sentence a token finding or answer is refused with. */
    public static final String NO_TOKENS = "Apps that collect, transmit, or store Atlassian user account API tokens"
            + " will not be approved during the security questionnaire review";

    /** The scanner's rules and what a finding of each signals in the review. */
    private static final Map<String, PolicyParts.AnswerSignal> SCAN = Map.of(
            "pat-collection", fail(NO_TOKENS + ": the artifact has code that asks users for an API token"),
            "atlassian-api-token", fail(NO_TOKENS + ": the artifact holds a user API token"),
            "dc-personal-access-token", fail(NO_TOKENS + ": the artifact holds a Data Center personal access token"),
            "oauth-client-secret",
                    fail("Client secrets are never hardcoded in source, configuration or any artifact a"
                            + " user can inspect: the artifact holds one"),
            "atlassian-admin-key", fail("The artifact holds an administrator key"),
            "private-key", fail("The artifact holds a private key"),
            "vulnerable-dependency",
                    fail("The artifact bundles a third-party library with a known Critical or High" + " vulnerability"),
            "oauth-scope-unused",
                    new PolicyParts.AnswerSignal(
                            Signal.WARNING, "Least privilege: the app requests scopes it does not use"));

    /** One signal: where it comes from ("answer user-api-tokens", "scan pat-collection"), its weight and why. */
    public record Found(String source, Signal signal, String why) {}

    private ReviewSignals() {}

    /**
     * What the answers signal under the version's questionnaire, in question order. An unanswered question
     * or an answer the question does not offer is a FAIL ("not answered").
     */
    public static List<Found> ofAnswers(PolicyVersion policy, Map<String, String> answers) {
        List<Found> out = new ArrayList<>();
        for (PolicyParts.Question q : policy.questions()) {
            String answer = answers.get(q.id());
            String source = "answer " + q.id();
            if (answer == null || answer.isBlank()) {
                out.add(new Found(source, Signal.FAIL, "not answered: " + q.text()));
                continue;
            }
            if (q.type() == PolicyParts.AnswerType.TEXT) {
                out.add(new Found(source, Signal.PASS, "answered"));
                continue;
            }
            PolicyParts.AnswerSignal s = q.answers().get(answer);
            if (s == null) {
                out.add(new Found(
                        source,
                        Signal.FAIL,
                        "'" + answer + "' is not an answer to: " + q.text() + " (one of "
                                + new TreeSet<>(q.answers().keySet()) + ")"));
            } else {
                out.add(new Found(source, s.signal(), s.why() == null ? "answered " + answer : s.why()));
            }
        }
        return out;
    }

    /** What the scanner's findings on the submitted artifact signal: one per rule found, FAILs first. */
    public static List<Found> ofScan(Collection<String> rules) {
        List<Found> out = new ArrayList<>();
        for (String rule : new TreeSet<>(rules)) {
            PolicyParts.AnswerSignal s = SCAN.get(rule);
            if (s != null) {
                out.add(new Found("scan " + rule, s.signal(), java.util.Objects.requireNonNull(s.why())));
            }
        }
        out.sort(java.util.Comparator.comparing((Found f) -> f.signal().ordinal())
                .reversed());
        return out;
    }

    /** The worst signal of a list: FAIL over WARNING over PASS; PASS for none. */
    public static Signal worst(List<Found> found) {
        Signal worst = Signal.PASS;
        for (Found f : found) {
            if (f.signal().ordinal() > worst.ordinal()) {
                worst = f.signal();
            }
        }
        return worst;
    }

    private static PolicyParts.AnswerSignal fail(String why) {
        return new PolicyParts.AnswerSignal(Signal.FAIL, why);
    }
}
