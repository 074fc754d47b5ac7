package com.sendline.domain.tenancy;

/** A suspended business keeps its data but sends nothing and cannot sign in; its reseller decides. */
public enum BusinessStatus {
    ACTIVE,
    SUSPENDED
}
