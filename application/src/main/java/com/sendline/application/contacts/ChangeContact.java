package com.sendline.application.contacts;

import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.ContactId;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.util.List;

/**
 * A business corrects a contact. Only what the request names changes: a null field stays as it was, an empty name
 * or e-mail removes it, an empty tag list removes every tag.
 */
public final class ChangeContact {
    private final Contacts contacts;
    private final RecipientNumbers numbers;
    private final Clock clock;

    public record Request(String phone, String name, String email, List<String> tags) {
    }

    public ChangeContact(Contacts contacts, RecipientNumbers numbers, Clock clock) {
        this.contacts = contacts;
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * @throws UnknownContact when the business has no such contact
     * @throws InvalidContact naming every field that was refused
     * @throws com.sendline.domain.contacts.ContactExists when another contact has the new phone number
     */
    public Contact change(BusinessId business, ContactId id, Request request) {
        Contact before = contacts.find(business, id).orElseThrow(() -> new UnknownContact("no contact " + id));
        ContactFields fields = new ContactFields(numbers);
        var phone = request.phone() == null ? before.phone() : fields.phone(request.phone());
        String name = request.name() == null ? before.name() : fields.name(request.name());
        var email = request.email() == null ? before.email() : fields.email(request.email());
        var tags = request.tags() == null ? before.tags() : fields.tags(request.tags());
        fields.check();
        if (phone.equals(before.phone()) && java.util.Objects.equals(name, before.name())
                && java.util.Objects.equals(email, before.email()) && tags.equals(before.tags())) {
            return before;
        }
        Contact after = before.changed(phone, name, email, tags, clock.instant());
        if (!contacts.update(after)) {
            throw new UnknownContact("no contact " + id);
        }
        return after;
    }
}
