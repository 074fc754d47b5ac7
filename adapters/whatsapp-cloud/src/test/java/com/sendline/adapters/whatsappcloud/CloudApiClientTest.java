package com.sendline.adapters.whatsappcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendline.fakes.graphapi.AcceptedMessage;
import com.sendline.fakes.graphapi.FakeGraphApi;
import com.sendline.fakes.graphapi.GraphFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.sendline.adapters.whatsappcloud.Fixtures.CUSTOMER;
import static com.sendline.adapters.whatsappcloud.Fixtures.NUMBER_ID;
import static com.sendline.adapters.whatsappcloud.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CloudApiClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeGraphApi fake = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN);
    private final CloudApiClient client = new CloudApiClient(Fixtures.settings(fake));

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void a_text_goes_out_in_metas_shape_and_the_wamid_comes_back() throws Exception {
        String wamid = client.send(Fixtures.cloudNumber(),
                new OutgoingMessage.Text(CUSTOMER, "Your table is ready", "msg-42"));

        AcceptedMessage received = fake.accepted().getFirst();
        assertThat(wamid).startsWith("wamid.").isEqualTo(received.wamid());
        assertThat(received.phoneNumberId()).isEqualTo(NUMBER_ID);
        assertThat(received.text()).isEqualTo("Your table is ready");
        JsonNode json = JSON.readTree(received.requestBody());
        assertThat(json.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(json.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(json.path("to").asText()).isEqualTo("4915123456789");
        assertThat(json.path("type").asText()).isEqualTo("text");
        assertThat(json.at("/text/preview_url").isBoolean()).isTrue();
        assertThat(json.at("/text/preview_url").asBoolean()).isFalse();
        assertThat(json.at("/text/body").asText()).isEqualTo("Your table is ready");
        assertThat(json.path("biz_opaque_callback_data").asText()).isEqualTo("msg-42");
    }

    @Test
    void a_template_goes_out_with_its_language_and_body_parameters() throws Exception {
        String wamid = client.send(Fixtures.cloudNumber(), new OutgoingMessage.Template(CUSTOMER,
                "appointment_reminder", "de", List.of("Anna", "14:30"), null));

        AcceptedMessage received = fake.accepted().getFirst();
        assertThat(received.wamid()).isEqualTo(wamid);
        assertThat(received.type()).isEqualTo("template");
        assertThat(received.templateName()).isEqualTo("appointment_reminder");
        JsonNode template = JSON.readTree(received.requestBody()).path("template");
        assertThat(template.at("/language/code").asText()).isEqualTo("de");
        assertThat(template.at("/components/0/type").asText()).isEqualTo("body");
        assertThat(template.at("/components/0/parameters/0/text").asText()).isEqualTo("Anna");
        assertThat(template.at("/components/0/parameters/1/text").asText()).isEqualTo("14:30");
        assertThat(JSON.readTree(received.requestBody()).has("biz_opaque_callback_data")).isFalse();
    }

    @Test
    void a_template_without_parameters_has_no_components() throws Exception {
        client.send(Fixtures.cloudNumber(), new OutgoingMessage.Template(CUSTOMER, "hello_world", "en_US",
                List.of(), null));
        assertThat(JSON.readTree(fake.accepted().getFirst().requestBody()).path("template").has("components"))
                .isFalse();
    }

    @Test
    void a_graph_error_is_read_into_its_parts() {
        fake.failNext(1, GraphFault.error(131048));

        GraphException e = catchThrowableOfType(GraphException.class, () -> client.send(Fixtures.cloudNumber(),
                new OutgoingMessage.Text(CUSTOMER, "hi", null)));

        GraphError error = e.error();
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.code()).isEqualTo(131048);
        assertThat(error.type()).isEqualTo("OAuthException");
        assertThat(error.message()).isEqualTo("(#131048) Spam rate limit hit");
        assertThat(error.details()).contains("restrictions on how many messages");
        assertThat(error.fbtraceId()).isNotBlank();
        assertThat(error.retryAfterHint()).isEmpty();
    }

    @Test
    void a_server_error_brings_its_retry_after() {
        fake.failNext(1, GraphFault.httpStatus(503, Duration.ofSeconds(3)));

        GraphException e = catchThrowableOfType(GraphException.class, () -> client.send(Fixtures.cloudNumber(),
                new OutgoingMessage.Text(CUSTOMER, "hi", null)));

        assertThat(e.error().httpStatus()).isEqualTo(503);
        assertThat(e.error().retryAfterHint()).contains(Duration.ofSeconds(3));
    }

    @Test
    void a_refused_token_never_shows_up_in_the_error() {
        GraphException e = catchThrowableOfType(GraphException.class, () -> client.send(
                Fixtures.cloudNumber(NUMBER_ID, "EAAGwrongTOKEN987654321"),
                new OutgoingMessage.Text(CUSTOMER, "hi", null)));

        assertThat(e.error().httpStatus()).isEqualTo(401);
        assertThat(e.error().code()).isEqualTo(190);
        assertThat(e.getMessage()).doesNotContain("EAAGwrongTOKEN987654321").doesNotContain(TOKEN);
        assertThat(e.error().toString()).doesNotContain("EAAGwrongTOKEN987654321");
    }

    @Test
    void an_answer_that_is_not_a_graph_error_keeps_only_its_status() {
        GraphError error = GraphError.parse(502, "<html>Bad gateway</html>", null, Instant.now(), TOKEN);
        assertThat(error.code()).isZero();
        assertThat(error.message()).isEqualTo("HTTP 502");
    }

    @Test
    void a_token_echoed_by_whoever_answered_is_cut_out() {
        String echoed = "{\"error\":{\"message\":\"bad token " + TOKEN + "\",\"code\":190,"
                + "\"error_data\":{\"details\":\"" + TOKEN + "\"}}}";
        GraphError error = GraphError.parse(401, echoed, null, Instant.now(), TOKEN);
        assertThat(error.message()).isEqualTo("bad token [token hidden]");
        assertThat(error.toString()).doesNotContain(TOKEN);
    }

    @Test
    void retry_after_may_be_seconds_or_an_http_date() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(GraphError.retryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(GraphError.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(GraphError.retryAfter("soon", now)).isNull();
        assertThat(GraphError.retryAfter(null, now)).isNull();
    }

    @Test
    void printing_the_client_or_a_message_shows_no_secret_and_no_text() {
        assertThat(client.toString()).doesNotContain(TOKEN);
        assertThat(new OutgoingMessage.Text(CUSTOMER, "private words", null).toString())
                .doesNotContain("private words");
        assertThat(Fixtures.cloudNumber().toString()).doesNotContain(TOKEN);
    }
}
