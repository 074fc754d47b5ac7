package com.sendline.domain.tenancy;

/** What a signed-in person may do, and over which tenants. */
public enum Role {
    /** Runs the platform: creates resellers, sees global health. Belongs to no reseller. */
    OPERATOR,
    /** Administers one reseller: its branding and its businesses. */
    RESELLER_ADMIN,
    /** Works inside one business of one reseller. */
    BUSINESS_USER
}
