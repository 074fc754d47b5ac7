package com.sendline.application.contacts;

import java.util.List;

/** What a user sent for a contact cannot be stored; {@link #problems()} says which fields and why. */
public final class InvalidContact extends IllegalArgumentException {
    private final List<FieldProblem> problems;

    public record FieldProblem(String field, String message) {
    }

    public InvalidContact(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid contact"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
