package com.sendline.adapters.http.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"data": [...], "nextCursor": "..."}}; {@code nextCursor} is null on the last page.
 * A store query asks for {@code limit + 1} rows; the extra row only says whether another page exists.
 */
@Serdeable
// Always both fields: an empty page is {"data":[],"nextCursor":null}, not {} (serde leaves out empty values by default).
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> data, @Nullable String nextCursor) {
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, T> view,
                                    Function<R, String> cursorOf) {
        boolean more = rows.size() > request.limit();
        List<R> shown = more ? rows.subList(0, request.limit()) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursorOf.apply(shown.getLast()) : null);
    }
}
