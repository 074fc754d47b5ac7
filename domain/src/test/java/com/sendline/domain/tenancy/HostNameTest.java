package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"portal.acme.com", "localhost", "acme-messaging.example.co.uk", "x1.y2.z3", "10.0.0.1"})
    void a_lower_case_dns_name_is_accepted_as_it_is(String name) {
        assertThat(new HostName(name).value()).isEqualTo(name);
    }

    @Test
    void a_host_header_with_a_port_and_mixed_case_picks_the_same_host() {
        assertThat(HostName.fromHostHeader("Portal.Acme.COM:8443")).isEqualTo(new HostName("portal.acme.com"));
    }

    @Test
    void a_host_header_with_a_trailing_dot_picks_the_same_host() {
        assertThat(HostName.fromHostHeader("portal.acme.com.")).isEqualTo(new HostName("portal.acme.com"));
        assertThat(HostName.fromHostHeader("portal.acme.com.:443")).isEqualTo(new HostName("portal.acme.com"));
    }

    @Test
    void a_host_header_with_surrounding_spaces_picks_the_same_host() {
        assertThat(HostName.fromHostHeader("  portal.acme.com  ").value()).isEqualTo("portal.acme.com");
    }

    @Test
    void an_empty_or_missing_host_header_is_refused() {
        assertThatThrownBy(() -> HostName.fromHostHeader(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host header is empty");
        assertThatThrownBy(() -> HostName.fromHostHeader("   "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host header is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]:8080", ":8443", "portal..acme.com", "acme.com:80:90", "portal_1.acme.com"})
    void a_host_header_that_is_not_a_dns_name_is_refused(String header) {
        assertThatThrownBy(() -> HostName.fromHostHeader(header))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid host name");
    }

    @Test
    void an_upper_case_name_is_refused_by_the_constructor_so_stored_domains_are_canonical() {
        assertThatThrownBy(() -> new HostName("Portal.acme.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be lower case")
                .hasMessageContaining("Portal.acme.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "my_portal.acme.com",
            "-portal.acme.com",
            "portal-.acme.com",
            "portal..acme.com",
            "portal.acme.com.",
            ".acme.com",
            "portal acme.com",
            "portal.acme.com:8443",
            "pörtal.acme.com",
    })
    void a_name_with_a_bad_label_is_refused(String name) {
        assertThatThrownBy(() -> new HostName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid host name")
                .hasMessageContaining(name);
    }

    @Test
    void a_label_of_63_characters_is_accepted_and_one_of_64_is_refused() {
        String longest = "a".repeat(63);

        assertThat(new HostName(longest + ".acme.com").value()).startsWith(longest);
        assertThatThrownBy(() -> new HostName("a" + longest + ".acme.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid host name");
    }

    @Test
    void a_name_of_253_characters_is_accepted_and_one_of_254_is_refused() {
        String label = "a".repeat(62);
        String longest = String.join(".", label, label, label, label) + ".c"; // 4 * 62 + 3 dots + 2 = 253

        assertThat(longest).hasSize(253);
        assertThat(new HostName(longest).value()).isEqualTo(longest);
        assertThatThrownBy(() -> new HostName(longest + "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-253 characters");
    }

    @Test
    void an_empty_name_is_refused() {
        assertThatThrownBy(() -> new HostName(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-253 characters");
    }
}
