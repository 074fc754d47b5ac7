package com.sendline.application.contacts;

import com.sendline.domain.contacts.Contact;
import com.sendline.domain.contacts.Contacts;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A business uploads a contact list. Valid rows are stored together in one write; invalid rows are reported with
 * their line and stored not at all, so every row is either fully stored or reported. A row whose phone number the
 * business already has updates that contact: a name, e-mail or tags given in the row replace the stored ones, empty
 * cells keep them. A number that appears twice in the list is stored from its first row; later rows are reported.
 */
public final class ImportContacts {
    public static final int MAX_ROWS = 10_000;
    /** Enough to fix a file by; {@code failed} still counts every refused row. */
    public static final int MAX_ERRORS = 1_000;

    private final Contacts contacts;
    private final RecipientNumbers numbers;
    private final Clock clock;

    /**
     * One row as read from the file.
     *
     * @param line where the row starts in the file (the header is line 1)
     * @param tags empty when the row names none
     */
    public record Row(int line, String phone, String name, String email, List<String> tags) {
    }

    public record RowError(int row, String field, String message) {
    }

    /**
     * @param imported contacts that are new
     * @param updated  contacts the business had already, now updated
     * @param failed   rows not stored, each with at least one entry in {@code errors}
     * @param errors   at most {@value #MAX_ERRORS}, in file order
     */
    public record Result(int imported, int updated, int failed, List<RowError> errors) {
    }

    public ImportContacts(Contacts contacts, RecipientNumbers numbers, Clock clock) {
        this.contacts = contacts;
        this.numbers = numbers;
        this.clock = clock;
    }

    public Result importRows(BusinessId business, List<Row> rows) {
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("a contact list has at most " + MAX_ROWS + " rows");
        }
        Instant now = clock.instant();
        List<Contact> valid = new ArrayList<>();
        Map<PhoneNumber, Integer> firstLine = new HashMap<>();
        List<RowError> errors = new ArrayList<>();
        int failed = 0;
        for (Row row : rows) {
            ContactFields fields = new ContactFields(numbers);
            PhoneNumber phone = fields.phone(row.phone());
            String name = fields.name(row.name());
            var email = fields.email(row.email());
            var tags = fields.tags(row.tags());
            List<InvalidContact.FieldProblem> problems = new ArrayList<>(fields.problems());
            if (phone != null && firstLine.containsKey(phone)) {
                problems.add(new InvalidContact.FieldProblem("phone", phone + " is already on line "
                        + firstLine.get(phone) + " of this list"));
            }
            if (!problems.isEmpty()) {
                failed++;
                for (var p : problems) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new RowError(row.line(), p.field(), p.message()));
                    }
                }
                continue;
            }
            firstLine.put(phone, row.line());
            valid.add(Contact.create(business, phone, name, email, tags, now));
        }
        Contacts.Upserted stored = valid.isEmpty() ? new Contacts.Upserted(0, 0)
                : contacts.upsertAll(business, valid);
        return new Result(stored.added(), stored.updated(), failed, errors);
    }
}
