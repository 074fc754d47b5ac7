package com.sendline.adapters.phonenumbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link RecipientNumbers} on Google's libphonenumber. Messages quote what the user typed and nothing else: no
 * library wording, no guessed number. Stateless; {@link PhoneNumberUtil#getInstance()} is thread-safe, so one
 * instance serves every request.
 */
public final class LibPhoneNumberRecipients implements RecipientNumbers {
    private static final String EXAMPLE = "e.g. +49 151 23456789";

    /** Longer than any number written with separators; refusing early keeps huge input out of messages. */
    private static final int MAX_TYPED = 40;

    /**
     * Digits and the separators people type, with one leading +. Letters are refused on purpose: libphonenumber
     * would quietly read 1-800-FLOWERS as digits, and a recipient is never meant to be spelled.
     */
    private static final Pattern TYPABLE = Pattern.compile("\\+?[0-9 \\u00A0\\u202F\\t\\-./()]*");
    private static final Pattern SEPARATORS = Pattern.compile("[^0-9+]");

    /**
     * What the quick reading takes: a + first, then digits and only separators that libphonenumber itself treats as
     * punctuation (it does not, for instance, take a narrow no-break space as one).
     */
    private static final Pattern PLAIN_INTERNATIONAL = Pattern.compile("\\+[0-9 ()./\\-]*");

    /** Numbers WhatsApp can never be registered on; everything else valid (mobile, fixed, VoIP, ...) may be. */
    private static final Map<PhoneNumberType, String> NOT_ON_WHATSAPP = new EnumMap<>(Map.of(
            PhoneNumberType.PREMIUM_RATE, "a premium-rate number",
            PhoneNumberType.TOLL_FREE, "a toll-free number",
            PhoneNumberType.SHARED_COST, "a shared-cost number",
            PhoneNumberType.PAGER, "a pager number",
            PhoneNumberType.UAN, "a company switchboard (UAN) number",
            PhoneNumberType.VOICEMAIL, "a voicemail access number"));

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final boolean quick;
    /** Every calling code libphonenumber knows, by code. */
    private final boolean[] callingCodes = new boolean[1000];
    /** Calling codes of countries (not the non-geographic 800, 808, ... ones), by code. */
    private final boolean[] countries = new boolean[1000];
    /** Each country's national prefix as libphonenumber reads it after a country code, by calling code. */
    private final Pattern[] nationalPrefixes = new Pattern[1000];

    public LibPhoneNumberRecipients() {
        this(true);
    }

    /** @param quick false to have libphonenumber's parser read every number (tests compare the two readings) */
    LibPhoneNumberRecipients(boolean quick) {
        this.quick = quick;
        // The same metadata files the parser reads; PhoneNumberUtil does not hand its copy out.
        var metadataSource = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        util.getSupportedCallingCodes().forEach(code -> callingCodes[code] = true);
        for (String region : util.getSupportedRegions()) {
            PhoneMetadata metadata = metadataSource.getMetadataForRegion(region);
            int code = metadata.getCountryCode();
            // Several countries share a code (+1, +7, ...): the main one's metadata is what parsing uses.
            if (region.equals(util.getRegionCodeForCountryCode(code))) {
                countries[code] = true;
                String prefix = metadata.getNationalPrefixForParsing();
                nationalPrefixes[code] = prefix.isEmpty() ? null : Pattern.compile(prefix);
            }
        }
    }

    /**
     * @param defaultRegion ISO 3166 alpha-2, any case; null or blank when the user must type the country code
     * @throws IllegalArgumentException (not {@link InvalidRecipient}) for an unknown region: that is the caller's
     *     mistake, not the user's
     */
    @Override
    public PhoneNumber parse(String typed, String defaultRegion) {
        String region = region(defaultRegion);
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new InvalidRecipient("enter a phone number with its country code, " + EXAMPLE);
        }
        if (text.length() > MAX_TYPED) {
            throw new InvalidRecipient("a phone number has at most " + MAX_TYPED + " characters");
        }
        if (!TYPABLE.matcher(text).matches()) {
            throw refuse("use only digits, spaces and - . ( ) /, with + only at the start", text);
        }
        String digits = SEPARATORS.matcher(text).replaceAll("");
        if (digits.chars().noneMatch(Character::isDigit)) {
            throw refuse("this is not a phone number, " + EXAMPLE, text);
        }
        boolean overseasPrefix = digits.startsWith("00");
        if (region == null && !digits.startsWith("+") && !overseasPrefix) {
            throw refuse("add the country code, " + EXAMPLE + " rather than 0151 23456789", text);
        }
        Reading reading = read(text, digits, region, overseasPrefix);
        Phonenumber.PhoneNumber number = reading.number();
        String unreachable = NOT_ON_WHATSAPP.get(reading.type());
        if (unreachable != null) {
            throw refuse("WhatsApp cannot reach " + unreachable + "; use a mobile number", text);
        }
        try {
            return new PhoneNumber(util.format(number, PhoneNumberFormat.E164));
        } catch (IllegalArgumentException tooShort) {
            // A few tiny numbering plans (Tokelau, Niue) have valid numbers shorter than PhoneNumber allows.
            throw refuse("numbers this short cannot be used, at least 8 digits with the country code", text);
        }
    }

    /**
     * A leading 00 is the international prefix almost everywhere, but not in every default region (the US dials
     * 011), so when the region's own reading is not a valid number the 00 is read as +.
     */
    private Reading read(String text, String digits, String region, boolean overseasPrefix) {
        if (overseasPrefix && region != null) {
            try {
                Phonenumber.PhoneNumber national = util.parse(text, region);
                PhoneNumberType type = util.getNumberType(national);
                if (type != PhoneNumberType.UNKNOWN) {
                    return new Reading(national, type);
                }
            } catch (NumberParseException ignored) {
                // Fall through to reading the 00 as +, whose error is the one worth reporting.
            }
        }
        Phonenumber.PhoneNumber number = quick ? quickly(text, digits) : null;
        if (number == null) {
            String readable = overseasPrefix ? "+" + digits.substring(2) : text;
            try {
                number = util.parse(readable, overseasPrefix ? null : region);
            } catch (NumberParseException e) {
                throw refuse(why(e), text);
            }
        }
        // A number is valid exactly when its type is known (that is how isValidNumber decides). Asking for the type
        // once, instead of validating and then asking, saves a pass over the country's number patterns: reading the
        // recipient was the largest item of POST /api/v1/messages in a profile (8.5 % of the JVM's CPU).
        PhoneNumberType type = util.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            throw refuse(why(number), text);
        }
        return new Reading(number, type);
    }

    /**
     * Reads the common case, + and a country code and the number without its national prefix, as libphonenumber's
     * parser would, without the parser's passes over the text for extensions, viability and a second number (half
     * of what a recipient cost). Null when the parser must read it: no +, a country that shares a calling code or has
     * none, or digits that could start with the country's national prefix (+49 (0)151 ...), which the parser
     * weighs against the number's possible lengths. {@code LibPhoneNumberRecipientsTest} checks the two readings
     * agree over every country's example numbers and variations of them.
     */
    Phonenumber.PhoneNumber quickly(String text, String digits) {
        int length = digits.length() - 1;
        if (digits.charAt(0) != '+' || length < 4 || digits.charAt(1) == '0'
                || !PLAIN_INTERNATIONAL.matcher(text).matches()) {
            return null;
        }
        for (int size = 1; size <= 3; size++) {
            int code = Integer.parseInt(digits, 1, 1 + size, 10);
            if (!callingCodes[code]) {
                continue;
            }
            if (!countries[code]) {
                return null; // a non-geographic code (+800, +808, ...): the parser reads those
            }
            String national = digits.substring(1 + size);
            Pattern prefix = nationalPrefixes[code];
            if (national.length() < 2 || national.length() > 17
                    || (prefix != null && prefix.matcher(national).lookingAt())) {
                return null;
            }
            Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(code);
            if (national.charAt(0) == '0') {
                // libphonenumber keeps leading zeros (Italy's 06 ...) beside the number, not in it.
                number.setItalianLeadingZero(true);
                int zeros = 1;
                while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                    zeros++;
                }
                if (zeros != 1) {
                    number.setNumberOfLeadingZeros(zeros);
                }
            }
            return number.setNationalNumber(Long.parseLong(national));
        }
        return null;
    }

    private record Reading(Phonenumber.PhoneNumber number, PhoneNumberType type) {
    }

    private String region(String defaultRegion) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            return null;
        }
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException(
                    "unknown region code, expected an ISO 3166 alpha-2 code such as DE: " + defaultRegion);
        }
        return region;
    }

    private static String why(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "unknown country code, check the digits after the +";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too few digits for a phone number";
            case TOO_LONG -> "too many digits for a phone number";
            case NOT_A_NUMBER -> "this is not a phone number, " + EXAMPLE;
        };
    }

    private String why(Phonenumber.PhoneNumber number) {
        String country = "+" + number.getCountryCode();
        return switch (util.isPossibleNumberWithReason(number)) {
            case INVALID_COUNTRY_CODE -> "unknown country code, check the digits after the +";
            case TOO_SHORT -> "too few digits for a " + country + " number";
            case TOO_LONG -> "too many digits for a " + country + " number";
            case IS_POSSIBLE_LOCAL_ONLY -> "too few digits for a " + country + " number; is the area code missing?";
            case IS_POSSIBLE, INVALID_LENGTH -> "not a valid " + country + " number, check the digits";
        };
    }

    private static InvalidRecipient refuse(String reason, String typed) {
        return new InvalidRecipient(reason + ": " + typed);
    }
}
