package com.sendline.adapters.http.contacts;

import com.sendline.adapters.http.problem.ApiProblem;
import com.sendline.adapters.http.problem.Problem;
import com.sendline.application.contacts.ImportContacts;
import io.micronaut.http.HttpStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a contact list in CSV (RFC 4180: cells with commas, quotes or line breaks are quoted). The first line names
 * the columns — {@code phone} (required), {@code name}, {@code email}, {@code tags} (separated by {@code ;}) — in any
 * order and case. Blank lines are skipped. Problems with the file as a whole (no header, an unknown column, broken
 * quoting, too many rows) refuse it entirely; problems with a row are left for the import to report.
 */
final class ContactCsv {
    static final List<String> COLUMNS = List.of("phone", "name", "email", "tags");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private ContactCsv() {
    }

    /**
     * @param rows       the data rows, for the import to check and store
     * @param unreadable rows with more cells than the header has columns (usually a name with an unquoted comma)
     */
    record Read(List<ImportContacts.Row> rows, List<ImportContacts.RowError> unreadable) {
    }

    static Read parse(String text) {
        String csv = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<ImportContacts.Row> rows = new ArrayList<>();
        List<ImportContacts.RowError> unreadable = new ArrayList<>();
        Map<String, Integer> columns = null;
        int headerSize = 0;
        Lines lines = new Lines(csv);
        try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
            for (CSVRecord record : parser) {
                if (blank(record)) {
                    continue;
                }
                int line = lines.at(record.getCharacterPosition());
                if (columns == null) {
                    columns = header(record);
                    headerSize = record.size();
                    continue;
                }
                if (rows.size() + unreadable.size() >= ImportContacts.MAX_ROWS) {
                    throw ApiProblem.invalid("csv", "has more than " + ImportContacts.MAX_ROWS + " rows; split it into"
                            + " several imports");
                }
                if (record.size() > headerSize) {
                    unreadable.add(new ImportContacts.RowError(line, "columns", "has " + record.size()
                            + " cells, the header names " + headerSize + " columns"));
                    continue;
                }
                rows.add(new ImportContacts.Row(line, cell(record, columns, "phone"), cell(record, columns, "name"),
                        cell(record, columns, "email"), tags(cell(record, columns, "tags"))));
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            // Commons CSV reports broken quoting this way, e.g. a quote opened and never closed.
            throw ApiProblem.invalid("csv", "cannot be read as CSV: " + e.getMessage());
        }
        if (columns == null) {
            throw ApiProblem.invalid("csv", "is empty: the first line must name the columns, e.g. phone,name,email,tags");
        }
        return new Read(rows, unreadable);
    }

    private static Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> columns = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                unknown.add(record.get(i).strip());
            } else if (columns.putIfAbsent(name, i) != null) {
                errors.add(new Problem.FieldError(name, "column appears twice in the header"));
            }
        }
        for (String name : unknown) {
            errors.add(new Problem.FieldError(name.isEmpty() ? "(empty)" : name,
                    "unknown column; the columns are " + String.join(", ", COLUMNS)));
        }
        if (!columns.containsKey("phone")) {
            errors.add(new Problem.FieldError("phone", "column is required"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                    "The header line must name only the columns " + String.join(", ", COLUMNS)
                            + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)) + ".", errors);
        }
        return columns;
    }

    private static String cell(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static List<String> tags(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The line a record starts on, from its character position. Records come in order, so counting resumes where
     * the previous record was. Commons CSV counts a position from before the blank lines it skipped; those are
     * stepped over first.
     */
    private static final class Lines {
        private final String csv;
        private int at;
        private int line = 1;

        Lines(String csv) {
            this.csv = csv;
        }

        int at(long position) {
            int target = (int) Math.min(position, csv.length());
            while (target < csv.length() && (csv.charAt(target) == '\n' || csv.charAt(target) == '\r')) {
                target++;
            }
            for (; at < target; at++) {
                if (csv.charAt(at) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

}
