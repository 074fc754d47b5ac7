package com.sendline.domain.tenancy;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A reseller's customer. Its IANA time zone is where its recurring schedules are read ("every Monday 09:00"
 * means 09:00 on the business's wall clock, across daylight-saving changes).
 */
public record Business(BusinessId id, ResellerId resellerId, String name, ZoneId timeZone, BusinessStatus status) {
    public Business {
        Objects.requireNonNull(id, "business id");
        Objects.requireNonNull(resellerId, "reseller id");
        Objects.requireNonNull(timeZone, "time zone");
        Objects.requireNonNull(status, "status");
        name = Names.required(name, "business name");
    }

    /** Reads a zone id a person or partner typed, refusing fixed offsets that ignore daylight saving. */
    public static ZoneId timeZone(String iana) {
        if (iana == null || iana.isBlank()) {
            throw new IllegalArgumentException("time zone is required");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(iana.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + iana);
        }
        // A fixed offset (+02:00, Etc/GMT-2) would silently shift every schedule by an hour at each DST change.
        boolean utc = zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC");
        if (zone instanceof java.time.ZoneOffset || (zone.getRules().isFixedOffset() && !utc)) {
            throw new IllegalArgumentException("time zone must be an IANA region such as Europe/Berlin: " + iana);
        }
        return zone;
    }

    public boolean isActive() {
        return status == BusinessStatus.ACTIVE;
    }

    public Business suspended() {
        return new Business(id, resellerId, name, timeZone, BusinessStatus.SUSPENDED);
    }

    public Business reactivated() {
        return new Business(id, resellerId, name, timeZone, BusinessStatus.ACTIVE);
    }
}
