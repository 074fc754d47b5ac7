package com.sendline.adapters.phonenumbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.RecipientNumbers.InvalidRecipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LibPhoneNumberRecipientsTest {
    private final LibPhoneNumberRecipients recipients = new LibPhoneNumberRecipients();

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            +49 151 23456789         | -  | +4915123456789
            +49 (0) 151 2345-6789    | -  | +4915123456789
            0049 151 23456789        | -  | +4915123456789
            015123456789             | DE | +4915123456789
            0151/23456789            | DE | +4915123456789
            0151.2345.6789           | de | +4915123456789
            030 123456               | DE | +4930123456
            +1 (201) 555-0123        | -  | +12015550123
            (201) 555-0123           | US | +12015550123
            201.555.0123             | US | +12015550123
            004915123456789          | US | +4915123456789
            07400 123456             | GB | +447400123456
            +44 7400 123456          | DE | +447400123456
            (11) 96123-4567          | BR | +5511961234567
            +55 11 96123-4567        | -  | +5511961234567
            081234 56789             | IN | +918123456789
            +91 81234 56789          | -  | +918123456789
            0011 49 151 23456789     | AU | +4915123456789
            """)
    void accepts_numbers_as_people_type_them(String typed, String region, String e164) {
        assertThat(recipients.parse(typed, region)).isEqualTo(new PhoneNumber(e164));
    }

    @Test
    void surrounding_space_and_a_blank_region_do_not_matter() {
        assertThat(recipients.parse("  +49 151 23456789\t", " ")).isEqualTo(new PhoneNumber("+4915123456789"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refuses_nothing(String typed) {
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, "DE"))
                .withMessage("enter a phone number with its country code, e.g. +49 151 23456789");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1-800-FLOWERS       | US
            +49 151 2345678x    | DE
            0151 2345678 ext 12 | DE
            +49 151 2345+6789   | DE
            """)
    void refuses_letters_and_stray_symbols(String typed, String region) {
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, region))
                .withMessage("use only digits, spaces and - . ( ) /, with + only at the start: " + typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"015123456789", "0151 23456789", "(201) 555-0123"})
    void without_a_region_asks_for_the_country_code(String typed) {
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, null))
                .withMessage("add the country code, e.g. +49 151 23456789 rather than 0151 23456789: " + typed);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            +999 123456789       | -  | unknown country code, check the digits after the +
            +49 151              | -  | too few digits for a +49 number; is the area code missing?
            +49 1                | -  | too few digits for a phone number
            +1 201 555 01234     | -  | too many digits for a +1 number
            +49 151 2345 6789 0  | -  | not a valid +49 number, check the digits
            +44 7400 12345       | -  | not a valid +44 number, check the digits
            +55 11 06123-4567    | -  | not a valid +55 number, check the digits
            98765 4321           | IN | not a valid +91 number, check the digits
            +                    | -  | this is not a phone number, e.g. +49 151 23456789
            ( ) -                | -  | this is not a phone number, e.g. +49 151 23456789
            ( ) -                | DE | this is not a phone number, e.g. +49 151 23456789
            """)
    void refuses_numbers_that_do_not_exist(String typed, String region, String message) {
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, region))
                .withMessage(message + ": " + typed);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            +49 900 1 234567     | -  | a premium-rate number
            0800 1234567890      | DE | a toll-free number
            +49 180 1 2345       | -  | a shared-cost number
            +49 177 99 1234567   | -  | a voicemail access number
            +1 800 234 5678      | -  | a toll-free number
            (900) 234-5678       | US | a premium-rate number
            +44 76 4012 3456     | -  | a pager number
            0901 234 5678        | GB | a premium-rate number
            0800 12 3456         | BR | a toll-free number
            4004-1234            | BR | a shared-cost number
            1800 12 3456         | IN | a toll-free number
            +91 140 930 5260     | -  | a company switchboard (UAN) number
            """)
    void refuses_numbers_whatsapp_cannot_reach(String typed, String region, String kind) {
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, region))
                .withMessage("WhatsApp cannot reach " + kind + "; use a mobile number: " + typed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            +44 56 1234 5678  | +445612345678
            +1 305 209 0123   | +13052090123
            +49 700 1234 5678 | +4970012345678
            """)
    void accepts_voip_and_personal_numbers_which_may_carry_whatsapp(String typed, String e164) {
        assertThat(recipients.parse(typed, null)).isEqualTo(new PhoneNumber(e164));
    }

    @Test
    void refuses_valid_numbers_too_short_for_e164_here() {
        // Tokelau mobile numbers have 4 digits after +690; PhoneNumber wants at least 8 digits in all.
        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse("+690 7290", null))
                .withMessage("numbers this short cannot be used, at least 8 digits with the country code: +690 7290");
    }

    @Test
    void does_not_echo_long_input() {
        String typed = "+49 151 23456789 " + "9".repeat(100);

        assertThatExceptionOfType(InvalidRecipient.class).isThrownBy(() -> recipients.parse(typed, null))
                .withMessage("a phone number has at most 40 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ZZ", "GER", "49"})
    void an_unknown_region_is_the_callers_mistake_not_the_users(String region) {
        assertThatIllegalArgumentException().isThrownBy(() -> recipients.parse("015123456789", region))
                .isNotInstanceOf(InvalidRecipient.class)
                .withMessage("unknown region code, expected an ISO 3166 alpha-2 code such as DE: " + region);
    }

    @Test
    void one_instance_serves_many_threads() throws Exception {
        List<Callable<PhoneNumber>> work = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            work.add(i % 2 == 0 ? () -> recipients.parse("015123456789", "DE")
                    : () -> recipients.parse("(11) 96123-4567", "BR"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PhoneNumber>> answers = pool.invokeAll(work);
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get().e164()).isEqualTo(i % 2 == 0 ? "+4915123456789" : "+5511961234567");
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void the_quick_reading_gives_what_libphonenumbers_parser_gives_for_every_countrys_numbers() {
        var parser = new LibPhoneNumberRecipients(false);
        var util = PhoneNumberUtil.getInstance();
        var random = new Random(20261207);
        List<String> typed = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (var type : PhoneNumberType.values()) {
                var example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    typed.addAll(variations(util, example, random));
                }
            }
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            typed.addAll(variations(util, util.getExampleNumberForNonGeoEntity(code), random));
        }
        int quick = 0;
        for (String number : typed) {
            String digits = number.replaceAll("[^0-9+]", "");
            if (recipients.quickly(number, digits) != null) {
                quick++;
            }
            for (String region : new String[] {null, "DE", "US", "IT"}) {
                assertThat(outcome(recipients, number, region)).as("%s in %s", number, region)
                        .isEqualTo(outcome(parser, number, region));
            }
        }

        // The comparison means something only if the quick reading took most numbers written with a +.
        assertThat(typed).hasSizeGreaterThan(10_000);
        assertThat(quick).isGreaterThan(typed.size() / 3);
    }

    /** The number as people write it, and near misses: a digit changed, one too few or too many, a national 0. */
    private static List<String> variations(PhoneNumberUtil util,
                                           Phonenumber.PhoneNumber example,
                                           Random random) {
        String e164 = util.format(example, PhoneNumberFormat.E164);
        String international = util.format(example,
                PhoneNumberFormat.INTERNATIONAL);
        String code = "+" + example.getCountryCode();
        String rest = e164.substring(code.length());
        List<String> out = new ArrayList<>(List.of(e164, international, international.replace(' ', '-'),
                international.replace(' ', '.'), code + " (0) " + rest, code + "0" + rest, code + "00" + rest,
                "00" + e164.substring(1), e164.substring(0, e164.length() - 1), e164 + random.nextInt(10),
                e164 + random.nextInt(10) + random.nextInt(10), code + " (" + rest.substring(0, 2) + ") "
                        + rest.substring(2), code + "/" + rest, code + " " + rest + " ", code + "\u202F" + rest));
        for (int i = 0; i < 6; i++) {
            char[] digits = e164.toCharArray();
            int at = 1 + random.nextInt(digits.length - 1);
            digits[at] = (char) ('0' + random.nextInt(10));
            out.add(new String(digits));
        }
        return out;
    }

    private static String outcome(LibPhoneNumberRecipients recipients, String typed, String region) {
        try {
            return recipients.parse(typed, region).e164();
        } catch (InvalidRecipient e) {
            return "refused: " + e.getMessage();
        }
    }
}
