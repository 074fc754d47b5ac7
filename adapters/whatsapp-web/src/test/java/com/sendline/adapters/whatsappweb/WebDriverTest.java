package com.sendline.adapters.whatsappweb;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;
import com.sendline.domain.session.SessionEvents.Disconnect;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Web driver over a scripted client: what it refuses before the network, and how a drop reaches the engine. */
class WebDriverTest {
    private final BusinessId business = BusinessId.random();
    private final Device device = Device.newDevice(business, Channel.WEB, null, "Front desk");
    private final MemoryCredentials credentials = new MemoryCredentials();
    private final FakeWebClient client = new FakeWebClient();
    private final WebDriver driver = new WebDriver(credentials, client, WebSettings.defaults());
    private final List<Disconnect> told = new CopyOnWriteArrayList<>();
    private final SessionEvents events = told::add;

    private WebSession linkedSession() throws ConnectFailure {
        credentials.linked(business, device.id(), UUID.randomUUID(), FakeWebClient.FORMAT);
        return driver.connect(device, events);
    }

    @Test
    void a_device_never_paired_or_not_yet_scanned_or_logged_out_needs_a_pairing_and_the_network_is_not_touched() {
        assertThatThrownBy(() -> driver.connect(device, events)).isInstanceOf(ConnectFailure.class)
                .hasMessageContaining("never paired")
                .satisfies(e -> assertThat(((ConnectFailure) e).kind()).isEqualTo(Disconnect.LOGGED_OUT));

        UUID session = UUID.randomUUID();
        credentials.beginPairing(business, device.id(), session, FakeWebClient.FORMAT);
        assertThatThrownBy(() -> driver.connect(device, events)).isInstanceOf(ConnectFailure.class)
                .hasMessageContaining("not been scanned");

        credentials.saveKeys(business, device.id(), session, new byte[]{1}, true);
        credentials.loggedOut(business, device.id(), session);
        assertThatThrownBy(() -> driver.connect(device, events)).isInstanceOf(ConnectFailure.class)
                .hasMessageContaining("logged out")
                .satisfies(e -> assertThat(((ConnectFailure) e).kind()).isEqualTo(Disconnect.LOGGED_OUT));

        assertThat(client.resumes).hasValue(0);
    }

    @Test
    void credentials_written_by_another_library_are_not_handed_to_this_one() {
        credentials.linked(business, device.id(), UUID.randomUUID(), "other-library-2");

        assertThatThrownBy(() -> driver.connect(device, events)).isInstanceOf(ConnectFailure.class)
                .hasMessageContaining("other-library-2")
                .satisfies(e -> assertThat(((ConnectFailure) e).kind()).isEqualTo(Disconnect.LOGGED_OUT));
        assertThat(client.resumes).hasValue(0);
    }

    @Test
    void only_web_devices_are_driven() {
        Device cloud = Device.newDevice(business, Channel.CLOUD, new PhoneNumber("+4915100000000"), "Cloud");
        assertThatThrownBy(() -> driver.connect(cloud, events)).isInstanceOf(IllegalArgumentException.class);
        assertThat(driver.channel()).isEqualTo(Channel.WEB);
        assertThat(driver.holdsLiveSession()).as("a socket per session: it counts against the hot set").isTrue();
    }

    @Test
    void a_failed_login_is_the_connect_failure_the_client_gave() {
        credentials.linked(business, device.id(), UUID.randomUUID(), FakeWebClient.FORMAT);
        client.nextResumeFailure = new ConnectFailure(Disconnect.STREAM_ERROR_515, "stream error 515");

        assertThatThrownBy(() -> driver.connect(device, events)).isInstanceOf(ConnectFailure.class)
                .satisfies(e -> assertThat(((ConnectFailure) e).kind()).isEqualTo(Disconnect.STREAM_ERROR_515));
        assertThat(told).isEmpty();
    }

    @Test
    void a_live_session_sends_through_its_link_one_at_a_time() throws Exception {
        WebSession session = linkedSession();

        String id = session.send(MessageId.random(), new PhoneNumber("+4915123456789"), new MessageBody("Hello"));

        assertThat(id).startsWith("3EB0");
        assertThat(client.last().sent).containsExactly("+4915123456789:Hello");
        assertThat(session.isOpen()).isTrue();
        assertThat(session.maxConcurrentSends()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Disconnect.class)
    void a_drop_is_told_to_the_engine_once_with_its_reason_and_the_link_is_closed(Disconnect reason) throws Exception {
        WebSession session = linkedSession();
        FakeWebClient.FakeLink link = client.last();

        link.drop(reason);
        link.drop(Disconnect.CONNECTION_LOST);

        assertThat(told).containsExactly(reason);
        assertThat(link.closed).as("the library must not reconnect on its own").isTrue();
        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(() -> session.send(MessageId.random(), new PhoneNumber("+4915123456789"),
                new MessageBody("Hi"))).isInstanceOf(SendFailure.class)
                .satisfies(e -> assertThat(((SendFailure) e).code()).isEqualTo("SESSION_CLOSED"))
                .satisfies(e -> assertThat(((SendFailure) e).sessionBroken()).isTrue());
    }

    @Test
    void closing_on_request_tells_nobody_even_when_the_library_reports_the_drop_afterwards() throws Exception {
        WebSession session = linkedSession();
        FakeWebClient.FakeLink link = client.last();

        session.close();
        link.drop(Disconnect.CONNECTION_LOST);
        session.close();

        assertThat(link.closed).isTrue();
        assertThat(told).isEmpty();
    }

    @Test
    void a_send_failure_of_the_link_reaches_the_engine_as_it_is() throws Exception {
        WebSession session = linkedSession();
        client.last().nextSendFailure = new SendFailure("NOT_ON_WHATSAPP", "the number is not on WhatsApp", false,
                false);

        assertThatThrownBy(() -> session.send(MessageId.random(), new PhoneNumber("+4915123456789"),
                new MessageBody("Hi"))).isInstanceOf(SendFailure.class)
                .satisfies(e -> assertThat(((SendFailure) e).retryable()).isFalse());
        assertThat(session.isOpen()).isTrue();
    }
}
