package com.sendline.domain.tenancy;

import java.util.List;
import java.util.Optional;

/** Businesses, always reached through the reseller that owns them. */
public interface Businesses {
    void add(Business business);

    Optional<Business> find(ResellerId reseller, BusinessId business);

    /** The signed-in business itself: the caller already is that tenant. */
    Optional<Business> self(BusinessId business);

    List<Business> list(ResellerId reseller);

    /** @return false when the reseller has no such business */
    boolean setStatus(ResellerId reseller, BusinessId business, BusinessStatus status);
}
