package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.fakes.graphapi.FakeGraphApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.sendline.adapters.whatsappcloud.Fixtures.CUSTOMER;
import static com.sendline.adapters.whatsappcloud.Fixtures.NUMBER_ID;
import static com.sendline.adapters.whatsappcloud.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CloudApiDriverTest {
    private static final SessionEvents NO_EVENTS = reason -> {
        throw new AssertionError("a Cloud API session never ends on its own, yet reported " + reason);
    };

    private final FakeGraphApi fake = FakeGraphApi.start().addNumber(NUMBER_ID, TOKEN);
    private final Fixtures.InMemoryCloudNumbers numbers = new Fixtures.InMemoryCloudNumbers();
    private final CloudSender sender = new CloudSender(new CloudApiClient(Fixtures.settings(fake)),
            PhoneThrottle.unlimited(), alert -> { });
    private final CloudApiDriver driver = new CloudApiDriver(numbers, sender);

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private static Device device(DeviceId id, Channel channel) {
        return new Device(id, BusinessId.random(), channel, new PhoneNumber("+4930901820"), "Front desk",
                SessionState.COLD);
    }

    private Device cloudDeviceWithCredentials() {
        CloudNumber number = Fixtures.cloudNumber();
        numbers.save(number);
        return device(number.device(), Channel.CLOUD);
    }

    @Test
    void a_connected_cloud_device_sends_through_meta_and_passes_our_message_id_along() throws Exception {
        MessageId id = MessageId.random();

        try (CloudApiSession session = driver.connect(cloudDeviceWithCredentials(), NO_EVENTS)) {
            assertThat(session.isOpen()).isTrue();
            String wamid = session.send(id, CUSTOMER, new MessageBody("See you at 6"));

            assertThat(fake.accepted()).singleElement().satisfies(m -> {
                assertThat(m.wamid()).isEqualTo(wamid);
                assertThat(m.text()).isEqualTo("See you at 6");
                assertThat(m.to()).isEqualTo("4915123456789");
                assertThat(m.requestBody()).contains(id.toString());
            });
        }
        assertThat(driver.channel()).isEqualTo(Channel.CLOUD);
    }

    @Test
    void a_session_sends_templates_too() throws Exception {
        try (CloudApiSession session = driver.connect(cloudDeviceWithCredentials(), NO_EVENTS)) {
            session.sendTemplate(MessageId.random(), CUSTOMER, "appointment_reminder", "en", List.of("Bob"));
        }
        assertThat(fake.accepted()).singleElement()
                .satisfies(m -> assertThat(m.templateName()).isEqualTo("appointment_reminder"));
    }

    @Test
    void a_cloud_device_without_credentials_cannot_connect_and_counts_as_logged_out() {
        ConnectFailure failure = catchThrowableOfType(ConnectFailure.class,
                () -> driver.connect(device(DeviceId.random(), Channel.CLOUD), NO_EVENTS));

        assertThat(failure.kind()).isEqualTo(SessionEvents.Disconnect.LOGGED_OUT);
        assertThat(failure.getMessage()).contains("no Cloud API number");
    }

    @Test
    void credentials_that_cannot_be_read_just_now_fail_the_connect_as_a_lost_connection() {
        CloudNumbers broken = new CloudNumbers() {
            @Override
            public void save(CloudNumber number) {
            }

            @Override
            public Optional<CloudNumber> of(DeviceId device) {
                throw new IllegalStateException("database is down");
            }

            @Override
            public Optional<CloudNumber> byPhoneNumberId(String phoneNumberId) {
                return Optional.empty();
            }

            @Override
            public java.util.List<Owned> all() {
                return java.util.List.of();
            }
        };
        CloudApiDriver withBrokenStore = new CloudApiDriver(broken, sender);

        ConnectFailure failure = catchThrowableOfType(ConnectFailure.class,
                () -> withBrokenStore.connect(device(DeviceId.random(), Channel.CLOUD), NO_EVENTS));

        assertThat(failure.kind()).isEqualTo(SessionEvents.Disconnect.CONNECTION_LOST);
    }

    @Test
    void a_device_of_another_channel_is_a_wiring_bug() {
        assertThatThrownBy(() -> driver.connect(device(DeviceId.random(), Channel.WEB), NO_EVENTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_closed_session_sends_nothing() throws Exception {
        CloudApiSession session = driver.connect(cloudDeviceWithCredentials(), NO_EVENTS);
        session.close();
        session.close();

        SendFailure failure = catchThrowableOfType(SendFailure.class,
                () -> session.send(MessageId.random(), CUSTOMER, new MessageBody("hi")));

        assertThat(session.isOpen()).isFalse();
        assertThat(failure.code()).isEqualTo("SESSION_CLOSED");
        assertThat(failure.sessionBroken()).isTrue();
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void nothing_printable_shows_the_token() throws Exception {
        CloudApiSession session = driver.connect(cloudDeviceWithCredentials(), NO_EVENTS);
        assertThat(session.toString()).doesNotContain(TOKEN).contains(NUMBER_ID);
        assertThat(driver.toString()).doesNotContain(TOKEN);
        assertThat(sender.toString()).doesNotContain(TOKEN);
    }
}
