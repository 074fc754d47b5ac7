package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.inbound.WebhookPayloads;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.fakes.graphapi.MetaWebhooks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudWebhookPayloadsTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    private final CloudWebhookPayloads payloads = new CloudWebhookPayloads();

    private List<WebhookPayloads.Item> read(String body) {
        return payloads.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_customers_text_message_with_their_profile_name() {
        List<WebhookPayloads.Item> items = read(MetaWebhooks.incomingText("106540352242922", "15550001111",
                "16315551181", "Kerry Fisher", "wamid.ABC", "Is my order \"ready\"?", AT));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.accountNumberId()).isEqualTo("106540352242922");
            IncomingMessage m = (IncomingMessage) item.payload();
            assertThat(m.from().e164()).isEqualTo("+16315551181");
            assertThat(m.text()).isEqualTo("Is my order \"ready\"?");
            assertThat(m.profileName()).isEqualTo("Kerry Fisher");
            assertThat(m.at()).isEqualTo(AT);
            assertThat(m.idempotencyKey()).isEqualTo("message:wamid.ABC");
        });
    }

    @Test
    void statuses_carry_our_callback_id_and_each_status_is_its_own_event() {
        UUID ours = UUID.randomUUID();
        DeliveryReceipt delivered = (DeliveryReceipt) read(MetaWebhooks.status("106540352242922", "15550001111",
                "wamid.XYZ", "delivered", "16315551181", ours.toString(), AT)).getFirst().payload();
        DeliveryReceipt read = (DeliveryReceipt) read(MetaWebhooks.status("106540352242922", "15550001111",
                "wamid.XYZ", "read", "16315551181", "not-a-uuid", AT)).getFirst().payload();

        assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(delivered.callbackId()).contains(new MessageId(ours));
        assertThat(read.callbackId()).isEmpty();
        assertThat(delivered.idempotencyKey()).isNotEqualTo(read.idempotencyKey());
    }

    @Test
    void a_failed_status_keeps_metas_error_code_and_title() {
        DeliveryReceipt failed = (DeliveryReceipt) read(MetaWebhooks.status("106540352242922", "15550001111",
                "wamid.F", "failed", "16315551181", null, AT)).getFirst().payload();

        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.error()).isEqualTo("GRAPH_131026: Message undeliverable");
    }

    @Test
    void items_we_do_not_act_on_are_skipped_without_losing_their_neighbours() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
                  {"field":"message_template_status_update","value":{"event":"APPROVED"}},
                  {"field":"messages","value":{"messaging_product":"whatsapp",
                    "metadata":{"display_phone_number":"15550001111","phone_number_id":"106540352242922"},
                    "statuses":[{"id":"wamid.1","status":"deleted","timestamp":"1700000000","recipient_id":"1"},
                                {"id":"wamid.2","status":"sent","timestamp":"1700000000","recipient_id":"1"}],
                    "messages":[{"from":"12","id":"wamid.3","timestamp":"1700000000","type":"text","text":{"body":"x"}},
                                {"from":"4915123456789","id":"wamid.4","timestamp":"1700000000","type":"image",
                                 "image":{"id":"media-1","mime_type":"image/jpeg"}}]}}]}]}""";

        List<WebhookPayloads.Item> items = read(body);

        assertThat(items).extracting(i -> i.payload().providerMessageId()).containsExactly("wamid.2", "wamid.4");
        IncomingMessage image = (IncomingMessage) items.get(1).payload();
        assertThat(image.type()).isEqualTo("image");
        assertThat(image.text()).isNull();
    }

    @Test
    void a_body_that_is_not_a_business_account_webhook_is_refused_whole() {
        assertThatThrownBy(() -> read("{\"object\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> read("{\"object\":\"page\",\"entry\":[]}"))
                .hasMessageContaining("whatsapp_business_account");
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{}}]}]}")).hasMessageContaining("phone_number_id");
    }
}
