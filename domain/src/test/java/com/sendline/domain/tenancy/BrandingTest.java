package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrandingTest {
    private static final Colour TEAL = new Colour("#008080");
    private static final EmailAddress SUPPORT = new EmailAddress("help@acme.com");

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.acme.com/logo.png", "http://acme.com/logo.svg?v=2", "https://cdn.acme.com:8443/l.png", "HTTPS://CDN.acme.com/logo.png"})
    void an_absolute_http_or_https_logo_url_is_accepted(String url) {
        Branding branding = new Branding("Acme Messaging", URI.create(url), TEAL, SUPPORT);

        assertThat(branding.logo()).contains(URI.create(url));
    }

    @Test
    void without_a_logo_the_header_is_text_only() {
        assertThat(new Branding("Acme Messaging", null, TEAL, SUPPORT).logo()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://cdn.acme.com/logo.png",
            "/static/logo.png",
            "logo.png",
            "//cdn.acme.com/logo.png",
            "https:///logo.png",
            "javascript:alert(1)",
            "data:image/png;base64,iVBORw0KGgo=",
            "file:///etc/passwd",
    })
    void a_logo_url_that_is_not_an_absolute_http_url_is_refused(String url) {
        assertThatThrownBy(() -> new Branding("Acme Messaging", URI.create(url), TEAL, SUPPORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logo URL must be an absolute http(s) URL")
                .hasMessageContaining(url);
    }

    @Test
    void the_display_name_is_kept_without_surrounding_whitespace() {
        assertThat(new Branding("  Acme Messaging \n", null, TEAL, SUPPORT).displayName()).isEqualTo("Acme Messaging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void a_blank_display_name_is_refused(String name) {
        assertThatThrownBy(() -> new Branding(name, null, TEAL, SUPPORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("display name must be 1-80 characters");
    }

    @Test
    void a_display_name_of_80_characters_is_accepted_and_one_of_81_is_refused() {
        assertThat(new Branding("d".repeat(80), null, TEAL, SUPPORT).displayName()).hasSize(80);
        assertThatThrownBy(() -> new Branding("d".repeat(81), null, TEAL, SUPPORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("display name must be 1-80 characters");
    }

    @Test
    void colour_and_support_address_are_required() {
        assertThatThrownBy(() -> new Branding("Acme", null, null, SUPPORT))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("primary colour");
        assertThatThrownBy(() -> new Branding("Acme", null, TEAL, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("support e-mail");
    }
}
