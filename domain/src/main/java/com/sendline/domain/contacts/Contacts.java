package com.sendline.domain.contacts;

import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contacts of each business. Every call names the business, so one business never reaches another's. */
public interface Contacts {
    /** @throws ContactExists when the business has a contact with this phone number already */
    void add(Contact contact);

    Optional<Contact> find(BusinessId business, ContactId id);

    Optional<Contact> findByPhone(BusinessId business, PhoneNumber phone);

    /**
     * Saves a changed contact.
     *
     * @return false when the business has no such contact
     * @throws ContactExists when another of the business's contacts has the new phone number
     */
    boolean update(Contact contact);

    /** @return false when the business has no such contact */
    boolean remove(BusinessId business, ContactId id);

    /**
     * Contacts in the order they were added, after {@code query.after}, at most {@code limit}. {@code query.search}
     * matches the start of the name (any case) or, when it is a number, the start of the phone number.
     */
    List<Contact> list(BusinessId business, Query query, int limit);

    /**
     * Stores a batch at once, all or nothing: a contact whose phone number the business already has updates that
     * contact — its name, e-mail and tags where the incoming contact has them; what it lacks stays as it was.
     * The phone numbers in a batch are distinct.
     */
    Upserted upsertAll(BusinessId business, List<Contact> contacts);

    /**
     * @param afterCreated with {@code afterId}, the sort key of the last contact already seen; both null for the first
     * @param search       name or phone-number prefix, or null
     * @param tag          only contacts with this tag, or null
     */
    record Query(Instant afterCreated, ContactId afterId, String search, String tag) {
        public static Query all() {
            return new Query(null, null, null, null);
        }
    }

    record Upserted(int added, int updated) {
    }
}
