package com.sendline.adapters.whatsappcloud;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.fakes.graphapi.FakeGraphApi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class Fixtures {
    static final String TOKEN = "EAAGsecretTOKENvalue0123456789";
    static final String NUMBER_ID = "106540352242922";
    static final PhoneNumber CUSTOMER = new PhoneNumber("+4915123456789");

    private Fixtures() {
    }

    static CloudNumber cloudNumber(String phoneNumberId, String token) {
        return new CloudNumber(DeviceId.random(), phoneNumberId, new PhoneNumber("+4930901820"), token,
                "app-secret-value", "verify-token-value");
    }

    static CloudNumber cloudNumber() {
        return cloudNumber(NUMBER_ID, TOKEN);
    }

    /** Short waits so that retry paths run in milliseconds; Retry-After up to 2 s is still honoured. */
    static CloudApiSettings settings(FakeGraphApi fake) {
        return CloudApiSettings.defaults()
                .withBaseUrl(fake.baseUrl())
                .withRequestTimeout(Duration.ofSeconds(5))
                .withRetries(3, Duration.ofMillis(20), Duration.ofSeconds(2))
                .withThroughputRetries(2, Duration.ofMillis(20));
    }

    static final class InMemoryCloudNumbers implements CloudNumbers {
        private final Map<DeviceId, CloudNumber> byDevice = new ConcurrentHashMap<>();

        @Override
        public void save(CloudNumber number) {
            byDevice.put(number.device(), number);
        }

        @Override
        public Optional<CloudNumber> of(DeviceId device) {
            return Optional.ofNullable(byDevice.get(device));
        }

        @Override
        public Optional<CloudNumber> byPhoneNumberId(String phoneNumberId) {
            return byDevice.values().stream().filter(n -> n.phoneNumberId().equals(phoneNumberId)).findFirst();
        }

        @Override
        public java.util.List<Owned> all() {
            throw new UnsupportedOperationException("webhooks are not part of these tests");
        }
    }
}
