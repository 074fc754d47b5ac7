package com.sendline.bootstrap.wiring;

import com.sendline.adapters.phonenumbers.LibPhoneNumberRecipients;
import com.sendline.adapters.postgres.PostgresContacts;
import com.sendline.application.contacts.AddContact;
import com.sendline.application.contacts.ChangeContact;
import com.sendline.application.contacts.ImportContacts;
import com.sendline.application.contacts.RemoveContact;
import com.sendline.domain.contacts.Contacts;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * A business's contacts, in Postgres (migration V7). Phone numbers are read by libphonenumber; the reader is
 * stateless, so these use cases share one of their own rather than exposing another bean of the port.
 */
@Factory
final class ContactsWiring {
    private final LibPhoneNumberRecipients numbers = new LibPhoneNumberRecipients();

    @Singleton
    Contacts contacts(Infrastructure infra) {
        return new PostgresContacts(infra.database());
    }

    @Singleton
    AddContact addContact(Contacts contacts, Clock clock) {
        return new AddContact(contacts, numbers, clock);
    }

    @Singleton
    ChangeContact changeContact(Contacts contacts, Clock clock) {
        return new ChangeContact(contacts, numbers, clock);
    }

    @Singleton
    RemoveContact removeContact(Contacts contacts) {
        return new RemoveContact(contacts);
    }

    @Singleton
    ImportContacts importContacts(Contacts contacts, Clock clock) {
        return new ImportContacts(contacts, numbers, clock);
    }
}
