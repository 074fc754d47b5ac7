package com.sendline.domain.tenancy;

import java.util.Objects;

/**
 * A person who signs in. The role fixes the scope, and the constructor refuses any other combination: an operator
 * belongs to no reseller, a reseller admin to exactly one reseller, a business user to one business of one reseller.
 */
public record User(UserId id, EmailAddress email, PasswordHash passwordHash, Role role,
                   ResellerId resellerId, BusinessId businessId) {
    public User {
        Objects.requireNonNull(id, "user id");
        Objects.requireNonNull(email, "e-mail");
        Objects.requireNonNull(passwordHash, "password hash");
        Objects.requireNonNull(role, "role");
        switch (role) {
            case OPERATOR -> {
                if (resellerId != null || businessId != null) {
                    throw new IllegalArgumentException("an operator belongs to no reseller or business");
                }
            }
            case RESELLER_ADMIN -> {
                if (resellerId == null || businessId != null) {
                    throw new IllegalArgumentException("a reseller admin belongs to exactly one reseller and no business");
                }
            }
            case BUSINESS_USER -> {
                if (resellerId == null || businessId == null) {
                    throw new IllegalArgumentException("a business user belongs to one business of one reseller");
                }
            }
        }
    }

    public static User operator(UserId id, EmailAddress email, PasswordHash hash) {
        return new User(id, email, hash, Role.OPERATOR, null, null);
    }

    public static User resellerAdmin(UserId id, EmailAddress email, PasswordHash hash, ResellerId reseller) {
        return new User(id, email, hash, Role.RESELLER_ADMIN, reseller, null);
    }

    public static User businessUser(UserId id, EmailAddress email, PasswordHash hash, Business business) {
        return new User(id, email, hash, Role.BUSINESS_USER, business.resellerId(), business.id());
    }
}
