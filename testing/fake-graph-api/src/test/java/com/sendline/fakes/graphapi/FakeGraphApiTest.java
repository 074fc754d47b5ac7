package com.sendline.fakes.graphapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeGraphApiTest {
    private static final String NUMBER = "106540352242922";
    private static final String TOKEN = "EAAG-test-token-1";
    private static final String OTHER_NUMBER = "209876543210987";
    private static final String OTHER_TOKEN = "EAAG-test-token-2";

    private final FakeGraphApi fake = FakeGraphApi.start()
            .addNumber(NUMBER, TOKEN)
            .addNumber(OTHER_NUMBER, OTHER_TOKEN);
    private final GraphCalls calls = new GraphCalls(fake.baseUrl());

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void a_valid_text_is_accepted_with_a_wamid_and_recorded() {
        GraphCalls.Answer answer = calls.sendText(NUMBER, TOKEN, "+4915123456789", "Hello there");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(answer.json().path("contacts").get(0).path("input").asText()).isEqualTo("+4915123456789");
        assertThat(answer.json().path("contacts").get(0).path("wa_id").asText()).isEqualTo("4915123456789");
        String wamid = answer.json().path("messages").get(0).path("id").asText();
        assertThat(wamid).startsWith("wamid.").hasSizeGreaterThan(20);

        assertThat(fake.accepted()).singleElement().satisfies(m -> {
            assertThat(m.phoneNumberId()).isEqualTo(NUMBER);
            assertThat(m.to()).isEqualTo("+4915123456789");
            assertThat(m.type()).isEqualTo("text");
            assertThat(m.text()).isEqualTo("Hello there");
            assertThat(m.templateName()).isNull();
            assertThat(m.wamid()).isEqualTo(wamid);
            assertThat(m.receivedAt()).isNotNull();
        });
        assertThat(fake.acceptedCount()).isEqualTo(1);
        assertThat(fake.accepted(OTHER_NUMBER)).isEmpty();
    }

    @Test
    void every_accepted_message_gets_its_own_wamid() {
        String first = calls.sendText(NUMBER, TOKEN, "4915123456789", "one").json().at("/messages/0/id").asText();
        String second = calls.sendText(NUMBER, TOKEN, "4915123456789", "two").json().at("/messages/0/id").asText();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_template_is_accepted_and_recorded_by_name() {
        String json = """
                {"messaging_product":"whatsapp","to":"4915123456789","type":"template",
                 "template":{"name":"appointment_reminder","language":{"code":"de"},
                   "components":[{"type":"body","parameters":[{"type":"text","text":"Anna"}]}]}}""";
        GraphCalls.Answer answer = calls.post("/v21.0/" + NUMBER + "/messages", TOKEN, json);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(fake.accepted()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("template");
            assertThat(m.templateName()).isEqualTo("appointment_reminder");
            assertThat(m.text()).isNull();
            assertThat(m.requestBody()).contains("\"Anna\"");
        });
    }

    @Test
    void a_missing_or_unknown_token_is_refused_with_401_and_oauth_code_190() {
        GraphCalls.Answer missing = calls.sendText(NUMBER, null, "4915123456789", "hi");
        GraphCalls.Answer wrong = calls.sendText(NUMBER, "EAAG-not-issued", "4915123456789", "hi");

        for (GraphCalls.Answer answer : new GraphCalls.Answer[] {missing, wrong}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo(190);
            assertThat(answer.json().at("/error/type").asText()).isEqualTo("OAuthException");
            assertThat(answer.json().at("/error/fbtrace_id").asText()).isNotBlank();
            assertThat(answer.raw().body()).doesNotContain("EAAG-not-issued");
        }
        assertThat(fake.acceptedCount()).isZero();
        assertThat(fake.rejections(190)).isEqualTo(2);
    }

    @Test
    void an_unknown_number_or_another_numbers_token_gets_invalid_parameter_100() {
        GraphCalls.Answer unknown = calls.sendText("999999999", TOKEN, "4915123456789", "hi");
        GraphCalls.Answer foreign = calls.sendText(OTHER_NUMBER, TOKEN, "4915123456789", "hi");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo(100);
        assertThat(unknown.json().at("/error/error_subcode").asInt()).isEqualTo(33);
        assertThat(unknown.message()).contains("999999999");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo(100);
        assertThat(fake.acceptedCount()).isZero();
    }

    /** Bodies in single quotes for readability; each with the field Meta's message must name. */
    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                malformed("{'to':'4915123456789','type':'text','text':{'body':'x'}}", "messaging_product"),
                malformed("{'messaging_product':'sms','to':'4915123456789','type':'text','text':{'body':'x'}}",
                        "messaging_product"),
                malformed("{'messaging_product':'whatsapp','type':'text','text':{'body':'x'}}", "to"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','text':{'body':'x'}}", "type"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','type':'image'}", "type"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','type':'text'}", "text"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','type':'text','text':{}}",
                        "text['body']"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','type':'template',"
                        + "'template':{'language':{'code':'en'}}}", "template['name']"),
                malformed("{'messaging_product':'whatsapp','to':'4915123456789','type':'template',"
                        + "'template':{'name':'t','language':{}}}", "template['language']['code']"),
                Arguments.of("not json at all", "JSON"));
    }

    private static Arguments malformed(String singleQuoted, String field) {
        return Arguments.of(singleQuoted.replace('\'', '"'), field);
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void a_malformed_body_gets_400_code_100_naming_the_field(String json, String field) {
        GraphCalls.Answer answer = calls.post("/v21.0/" + NUMBER + "/messages", TOKEN, json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(100);
        assertThat(answer.message()).startsWith("(#100)").contains(field);
        assertThat(fake.acceptedCount()).isZero();
    }

    @Test
    void a_text_longer_than_4096_characters_is_refused_and_one_of_4096_is_taken() {
        GraphCalls.Answer tooLong = calls.sendText(NUMBER, TOKEN, "4915123456789", "a".repeat(4_097));
        GraphCalls.Answer atLimit = calls.sendText(NUMBER, TOKEN, "4915123456789", "a".repeat(4_096));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.message()).contains("text['body']").contains("4096");
        assertThat(atLimit.status()).isEqualTo(200);
    }

    @Test
    void a_path_other_than_messages_is_unknown() {
        GraphCalls.Answer answer = calls.post("/v21.0/" + NUMBER + "/media", TOKEN, "{}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).contains("Unknown path");
    }

    @ParameterizedTest
    @ValueSource(ints = {131048, 80007, 131026, 100, 130429, 131056})
    void an_injected_graph_error_arrives_in_metas_shape(int code) {
        fake.failNext(1, GraphFault.error(code));

        GraphCalls.Answer failed = calls.sendText(NUMBER, TOKEN, "4915123456789", "hi");
        GraphCalls.Answer next = calls.sendText(NUMBER, TOKEN, "4915123456789", "hi");

        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.code()).isEqualTo(code);
        assertThat(failed.message()).startsWith("(#" + code + ")");
        assertThat(failed.json().at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(next.status()).isEqualTo(200);
        assertThat(fake.rejections(code)).isEqualTo(1);
        assertThat(fake.acceptedCount()).isEqualTo(1);
    }

    @Test
    void injected_faults_hit_the_next_n_requests_in_order_and_a_numbers_own_faults_only_that_number() {
        fake.failNext(2, GraphFault.error(131048));
        fake.failNext(OTHER_NUMBER, 1, GraphFault.error(80007));

        assertThat(calls.sendText(OTHER_NUMBER, OTHER_TOKEN, "4915123456789", "a").code()).isEqualTo(80007);
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "b").code()).isEqualTo(131048);
        assertThat(calls.sendText(OTHER_NUMBER, OTHER_TOKEN, "4915123456789", "c").code()).isEqualTo(131048);
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "d").status()).isEqualTo(200);
        assertThat(fake.accepted()).extracting(AcceptedMessage::text).containsExactly("d");
    }

    @Test
    void a_server_error_carries_metas_transient_flag_and_the_retry_after_header() {
        fake.failNext(1, GraphFault.httpStatus(503, Duration.ofSeconds(2)));
        fake.failNext(1, GraphFault.httpStatus(500));

        GraphCalls.Answer unavailable = calls.sendText(NUMBER, TOKEN, "4915123456789", "hi");
        GraphCalls.Answer unknown = calls.sendText(NUMBER, TOKEN, "4915123456789", "hi");

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.raw().headers().firstValue("Retry-After")).contains("2");
        assertThat(unavailable.json().at("/error/is_transient").asBoolean()).isTrue();
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.raw().headers().firstValue("Retry-After")).isEmpty();
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "hi").status()).isEqualTo(200);
    }

    @Test
    void an_injected_delay_and_the_global_latency_slow_requests_down_but_they_still_succeed() {
        fake.failNext(1, GraphFault.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "slow").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        fake.latency(Duration.ofMillis(200));
        start = System.nanoTime();
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "slow too").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(fake.acceptedCount()).isEqualTo(2);
    }

    @Test
    void reset_forgets_messages_counters_and_faults_but_keeps_numbers() {
        calls.sendText(NUMBER, TOKEN, "4915123456789", "hi");
        calls.sendText(NUMBER, "nope", "4915123456789", "hi");
        fake.failNext(5, GraphFault.error(131048));

        fake.reset();

        assertThat(fake.accepted()).isEmpty();
        assertThat(fake.requestCount()).isZero();
        assertThat(fake.rejectionsByCode()).isEmpty();
        assertThat(fake.maxAcceptedInAnySecond(NUMBER)).isZero();
        assertThat(calls.sendText(NUMBER, TOKEN, "4915123456789", "again").status()).isEqualTo(200);
    }

    @Test
    void after_close_nothing_answers() {
        fake.close();
        HttpRequest request = HttpRequest.newBuilder(fake.baseUrl().resolve("/v21.0/" + NUMBER + "/messages"))
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThatThrownBy(() -> calls.send(request)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void accepted_messages_do_not_show_their_text_when_printed() {
        calls.sendText(NUMBER, TOKEN, "4915123456789", "very private words");
        assertThat(fake.accepted().getFirst().toString()).doesNotContain("very private words");
    }
}
