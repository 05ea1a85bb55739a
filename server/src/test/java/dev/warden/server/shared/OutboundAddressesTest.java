package dev.warden.server.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAddressesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.8",
                "172.16.4.4",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd00:ec2::254",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "2001:db8::1"
            })
    void refusesAddressesThatAreNotOnThePublicInternet(String address) throws Exception {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(address)))
                .as(address)
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(address)))
                .as(address)
                .isTrue();
    }

    @Test
    void checksTheUrlBeforeResolvingIt() throws Exception {
        OutboundAddresses strict = new OutboundAddresses(false);
        assertThatThrownBy(() -> strict.parse("http://93.184.216.34/")).hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> strict.parse("file:///etc/passwd")).hasMessageContaining("https");
        assertThatThrownBy(() -> strict.parse("https:///nohost")).hasMessageContaining("host");
        assertThatThrownBy(() -> strict.check(URI.create("https://[::ffff:10.0.0.1]/")))
                .hasMessageContaining("private");
        assertThat(strict.check(URI.create("https://93.184.216.34/x"))).hasSize(1);
        OutboundAddresses lenient = new OutboundAddresses(true);
        assertThat(lenient.check(lenient.parse("http://127.0.0.1:9/x"))).hasSize(1);
    }
}
