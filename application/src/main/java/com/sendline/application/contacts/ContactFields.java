package com.sendline.application.contacts;

import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.ContactTags;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.EmailAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;

/**
 * Reads the fields of a contact as a user typed them, collecting every problem instead of stopping at the first, so
 * one answer tells the user everything to fix. Phone numbers need their country code ({@code +49 …}).
 */
final class ContactFields {
    private final RecipientNumbers numbers;
    private final List<InvalidContact.FieldProblem> problems = new ArrayList<>();

    ContactFields(RecipientNumbers numbers) {
        this.numbers = numbers;
    }

    PhoneNumber phone(String typed) {
        if (typed == null || typed.isBlank()) {
            problems.add(new InvalidContact.FieldProblem("phone", "is required"));
            return null;
        }
        try {
            return numbers.parse(typed, null);
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidContact.FieldProblem("phone", e.getMessage()));
            return null;
        }
    }

    String name(String typed) {
        try {
            return Contact.name(typed);
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidContact.FieldProblem("name", e.getMessage()));
            return null;
        }
    }

    /** A blank e-mail is no e-mail. */
    EmailAddress email(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (typed.chars().anyMatch(Character::isISOControl)) {
            problems.add(new InvalidContact.FieldProblem("email", "is not an e-mail address"));
            return null;
        }
        try {
            return EmailAddress.of(typed);
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidContact.FieldProblem("email", "is not an e-mail address"));
            return null;
        }
    }

    SortedSet<String> tags(Collection<String> typed) {
        try {
            return ContactTags.of(typed);
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidContact.FieldProblem("tags", e.getMessage()));
            return null;
        }
    }

    List<InvalidContact.FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** @throws InvalidContact when any field was refused */
    void check() {
        if (!problems.isEmpty()) {
            throw new InvalidContact(problems);
        }
    }
}
