package com.sendline.application.contacts;

import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.util.List;

/** A business adds someone to its contacts. */
public final class AddContact {
    private final Contacts contacts;
    private final RecipientNumbers numbers;
    private final Clock clock;

    /** What the user typed; only {@code phone} is required. */
    public record Request(String phone, String name, String email, List<String> tags) {
    }

    public AddContact(Contacts contacts, RecipientNumbers numbers, Clock clock) {
        this.contacts = contacts;
        this.numbers = numbers;
        this.clock = clock;
    }

    /**
     * @throws InvalidContact naming every field that was refused
     * @throws com.sendline.domain.contacts.ContactExists when the business has a contact with this number already
     */
    public Contact add(BusinessId business, Request request) {
        ContactFields fields = new ContactFields(numbers);
        PhoneNumber phone = fields.phone(request.phone());
        String name = fields.name(request.name());
        var email = fields.email(request.email());
        var tags = fields.tags(request.tags());
        fields.check();
        Contact contact = Contact.create(business, phone, name, email, tags, clock.instant());
        contacts.add(contact);
        return contact;
    }
}
