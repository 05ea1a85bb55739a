package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The quick ASCII path answers exactly as Spring Security's own rules do. */
class AsciiFirstFirewallTest {
    static final List<Predicate<String>> RULES = List.of(
            StrictHttpFirewall.ALLOWED_HEADER_NAMES,
            StrictHttpFirewall.ALLOWED_HEADER_VALUES,
            StrictHttpFirewall.ALLOWED_PARAMETER_NAMES,
            StrictHttpFirewall.ALLOWED_PARAMETER_VALUES);

    @Test
    void everyRuleAllowsEveryPrintableAsciiCharacterSoTheQuickPathIsSound() {
        String printable = IntStream.rangeClosed(0x20, 0x7e)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        assertThat(AsciiFirstFirewall.printableAscii(printable)).isTrue();
        for (Predicate<String> rule : RULES) {
            assertThat(rule.test(printable)).isTrue();
        }
    }

    @Test
    void theAnswerIsTheRulesForEveryKindOfText() {
        List<String> texts = List.of(
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
                "",
                "tab\there",
                "line\nbreak",
                "nul\u0000",
                "del\u007f",
                "c1\u0085",
                "caf\u00e9",
                "unassigned\u0378",
                "emoji \uD83D\uDE00",
                "lone surrogate \uD83D");
        for (Predicate<String> rule : RULES) {
            Predicate<String> quick = AsciiFirstFirewall.asciiFirst(rule);
            for (String text : texts) {
                assertThat(quick.test(text)).as(text).isEqualTo(rule.test(text));
            }
        }
        assertThat(AsciiFirstFirewall.asciiFirst(StrictHttpFirewall.ALLOWED_HEADER_VALUES)
                        .test("nul\u0000"))
                .isFalse();
    }
}
