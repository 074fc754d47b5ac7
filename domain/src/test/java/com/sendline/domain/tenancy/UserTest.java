package com.sendline.domain.tenancy;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTest {
    private static final EmailAddress EMAIL = new EmailAddress("ann@acme.com");
    private static final PasswordHash HASH = new PasswordHash(
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");
    private static final ResellerId RESELLER = ResellerId.random();
    private static final BusinessId BUSINESS = BusinessId.random();

    @Test
    void an_operator_belongs_to_no_tenant() {
        User operator = User.operator(UserId.random(), EMAIL, HASH);

        assertThat(operator.role()).isEqualTo(Role.OPERATOR);
        assertThat(operator.resellerId()).isNull();
        assertThat(operator.businessId()).isNull();
    }

    @Test
    void an_operator_with_a_reseller_or_business_is_refused() {
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, Role.OPERATOR, RESELLER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an operator belongs to no reseller or business");
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, Role.OPERATOR, null, BUSINESS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an operator belongs to no reseller or business");
    }

    @Test
    void a_reseller_admin_belongs_to_exactly_one_reseller() {
        User admin = User.resellerAdmin(UserId.random(), EMAIL, HASH, RESELLER);

        assertThat(admin.role()).isEqualTo(Role.RESELLER_ADMIN);
        assertThat(admin.resellerId()).isEqualTo(RESELLER);
        assertThat(admin.businessId()).isNull();
    }

    @Test
    void a_reseller_admin_without_a_reseller_or_with_a_business_is_refused() {
        assertThatThrownBy(() -> User.resellerAdmin(UserId.random(), EMAIL, HASH, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reseller admin belongs to exactly one reseller and no business");
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, Role.RESELLER_ADMIN, RESELLER, BUSINESS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reseller admin belongs to exactly one reseller and no business");
    }

    @Test
    void a_business_user_takes_business_and_reseller_from_its_business() {
        Business business = new Business(BUSINESS, RESELLER, "Bäckerei Müller", ZoneId.of("Europe/Berlin"),
                BusinessStatus.ACTIVE);

        User user = User.businessUser(UserId.random(), EMAIL, HASH, business);

        assertThat(user.role()).isEqualTo(Role.BUSINESS_USER);
        assertThat(user.businessId()).isEqualTo(BUSINESS);
        assertThat(user.resellerId()).isEqualTo(RESELLER);
    }

    @Test
    void a_business_user_without_a_business_or_without_a_reseller_is_refused() {
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, Role.BUSINESS_USER, RESELLER, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a business user belongs to one business of one reseller");
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, Role.BUSINESS_USER, null, BUSINESS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a business user belongs to one business of one reseller");
    }

    @Test
    void a_user_without_a_role_is_refused() {
        assertThatThrownBy(() -> new User(UserId.random(), EMAIL, HASH, null, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("role");
    }

    @Test
    void printing_a_user_does_not_print_the_password_hash() {
        User operator = User.operator(UserId.random(), EMAIL, HASH);

        assertThat(operator.toString()).contains("ann@acme.com").doesNotContain(HASH.encoded()).doesNotContain("CTFh");
    }
}
