package dev.warden.core.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvssVectorTest {

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource({
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N, 6.5",
        "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N, 1.8",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C, 9.8",
    })
    void scoresTheBaseMetrics(String vector, double score) {
        assertThat(CvssVector.parse(vector).baseScore()).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | not a CVSS v3 vector: it must start with CVSS:3.0/ or CVSS:3.1/",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N | not a CVSS v3 vector",
                "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | metric AV has no value X (allowed: A, L, N, P)",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H | the base metric S is missing",
                "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | metric AV appears twice",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1 | unknown metric ZZ",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A | is not a METRIC:VALUE pair",
            })
    void rejectsAMalformedVectorNamingTheMetric(String vector, String message) {
        assertThatThrownBy(() -> CvssVector.parse(vector))
                .isInstanceOf(InvalidCvssException.class)
                .hasMessageContaining(message);
    }
}
