package dev.warden.scanner;

import java.util.Set;

/**
 * A rule about an app as a whole rather than one file: it runs after the walk, once per descriptor,
 * with what the app's code was seen to use ({@link ApiEvidence}).
 */
public interface AppRule extends Rule {
    /**
     * Checks one descriptor.
     *
     * @param descriptor what the descriptor declares
     * @param evidence the evidence keys seen in the code next to the descriptor (same archive and folder)
     * @param findings where to report, positioned in the descriptor's own text
     */
    void checkApp(Descriptor descriptor, Set<String> evidence, Findings findings);
}
