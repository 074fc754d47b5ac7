package com.sendline.application.contacts;

import com.sendline.domain.contacts.ContactId;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.tenancy.BusinessId;

/** A business deletes a contact. */
public final class RemoveContact {
    private final Contacts contacts;

    public RemoveContact(Contacts contacts) {
        this.contacts = contacts;
    }

    /** @throws UnknownContact when the business has no such contact */
    public void remove(BusinessId business, ContactId id) {
        if (!contacts.remove(business, id)) {
            throw new UnknownContact("no contact " + id);
        }
    }
}
