package com.sendline.adapters.http.api;

import com.sendline.adapters.http.problem.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What a list endpoint was asked for: {@code ?limit=} (1–100, default 50) and {@code ?cursor=}, the opaque
 * {@code nextCursor} of the previous page. A cursor is the sort key of the last item returned, so a page never
 * skips or repeats an item when rows are added meanwhile. Clients must treat it as opaque.
 *
 * @param after the decoded sort key of the last item seen, or an empty list for the first page
 */
public record PageRequest(int limit, List<String> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final String SEPARATOR = "\u001f";

    public PageRequest {
        after = List.copyOf(after);
    }

    /** @throws ApiProblem 400 {@code VALIDATION_FAILED} for a bad limit or cursor */
    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(size, List.of());
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            return new PageRequest(size, List.of(decoded.split(SEPARATOR, -1)));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API returned");
        }
    }

    /** The cursor that continues after an item with this sort key. */
    public static String cursorAfter(String... sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The n-th part of the decoded cursor, which must have {@code parts} parts. */
    public String part(int n, int parts) {
        if (after.size() != parts) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API returned");
        }
        return after.get(n);
    }

    public boolean first() {
        return after.isEmpty();
    }

    /** A cursor that decodes but names nothing sensible (a bad instant, a bad id). */
    public static ApiProblem badCursor() {
        return ApiProblem.invalid("cursor", "is not a cursor this API returned");
    }

}
