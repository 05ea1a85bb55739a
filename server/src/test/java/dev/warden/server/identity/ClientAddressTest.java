package dev.warden.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {
    static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new SecuritySettings(
                5,
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                50,
                20,
                List.of(proxies),
                Duration.ofMinutes(10),
                true));
    }

    static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(trusting().of(from("10.0.0.5", "203.0.113.9"))).isEqualTo("10.0.0.5");
    }

    @Test
    void fromATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddress addresses = trusting("10.0.0.0/8");
        // The client claims 1.2.3.4; the outer proxy (10.0.0.9) saw 203.0.113.9 and appended it.
        assertThat(addresses.of(from("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.9")))
                .isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.5", "1.2.3.4", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.5", "2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(addresses.of(from("10.0.0.5"))).as("no header").isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.0.5", "10.0.0.7")))
                .as("only proxies")
                .isEqualTo("10.0.0.5");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressAndNamesAreNeverLookedUp() {
        ClientAddress addresses = trusting("10.0.0.0/8");
        assertThat(addresses.of(from("203.0.113.66", "10.0.0.1"))).isEqualTo("203.0.113.66");
        assertThat(addresses.of(from("10.0.0.5", "evil.example.org"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.0.5", "dead.beef"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aProxySettingThatIsNotAnAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> trusting("proxy.internal"))
                .hasMessageContaining("warden.security.trusted-proxies: 'proxy.internal'");
    }
}
