package com.sendline.domain.tenancy;

import java.util.List;
import java.util.Optional;

/** The resellers of this installation and the custom domains that pick them. */
public interface Resellers {
    /** @throws AlreadyTaken when the slug or one of the domains belongs to another reseller */
    void add(Reseller reseller);

    Optional<Reseller> find(ResellerId id);

    Optional<Reseller> findByHost(HostName host);

    List<Reseller> list();

    /** @return false when there is no such reseller */
    boolean updateBranding(ResellerId id, Branding branding);
}
