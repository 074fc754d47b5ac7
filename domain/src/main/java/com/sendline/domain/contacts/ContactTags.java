package com.sendline.domain.contacts;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The labels a business puts on a contact to pick audiences ("vip", "newsletter"). Kept small and plain: each tag
 * is trimmed, 1 to 50 characters, without control characters, commas or semicolons (a CSV import separates tags
 * with {@code ;}); a contact has at most 20. Case is kept, and duplicates collapse.
 */
public final class ContactTags {
    public static final int MAX_TAGS = 20;
    public static final int MAX_LENGTH = 50;
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cntrl},;]");

    private ContactTags() {
    }

    /** @throws IllegalArgumentException naming the offending tag */
    public static SortedSet<String> of(Collection<String> typed) {
        TreeSet<String> tags = new TreeSet<>();
        if (typed == null) {
            return Collections.unmodifiableSortedSet(tags);
        }
        for (String tag : typed) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("a tag is empty");
            }
            String trimmed = tag.strip();
            if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
                throw new IllegalArgumentException("tag \"" + trimmed.substring(0, 20) + "…\" is longer than "
                        + MAX_LENGTH + " characters");
            }
            if (FORBIDDEN.matcher(trimmed).find()) {
                throw new IllegalArgumentException("tag \"" + trimmed + "\" contains a comma, semicolon or"
                        + " control character");
            }
            tags.add(trimmed);
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("a contact has at most " + MAX_TAGS + " tags, not " + tags.size());
        }
        return Collections.unmodifiableSortedSet(tags);
    }
}
