package com.sendline.domain.webhook;

import java.util.List;

/** A subscription that cannot be made as asked, with every field that is wrong. */
public final class InvalidWebhookSubscription extends IllegalArgumentException {
    /** @param field the request's field name ({@code url}, {@code events}, {@code description}) */
    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidWebhookSubscription(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid webhook subscription"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
