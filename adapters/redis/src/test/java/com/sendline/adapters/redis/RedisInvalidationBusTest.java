package com.sendline.adapters.redis;

import com.sendline.application.cache.InvalidationBus;
import com.sendline.application.cache.LocalCache;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two buses on two clients stand in for two instances of Sendline sharing one cache Redis. */
class RedisInvalidationBusTest {
    private TestRedis redis;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<RedisClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        redis = TestServices.freshRedis();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        clients.forEach(RedisClient::shutdown);
        redis.close();
    }

    private RedisClient client(String name) {
        RedisURI uri = RedisConnections.parse(redis.url(), Duration.ofSeconds(2));
        uri.setClientName(name);
        RedisClient client = RedisConnections.open(uri, Duration.ofSeconds(2));
        clients.add(client);
        return client;
    }

    private RedisInvalidationBus bus(String prefix, String clientName) {
        RedisInvalidationBus bus = new RedisInvalidationBus(client(clientName), prefix);
        opened.add(0, bus);
        return bus;
    }

    private static final class Recorder implements InvalidationBus.Listener {
        final BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        final CountDownLatch gaps = new CountDownLatch(1);

        @Override
        public void invalidated(String key) {
            keys.add(key);
        }

        @Override
        public void gap() {
            gaps.countDown();
        }
    }

    @Test
    void an_invalidation_published_by_one_instance_reaches_the_other_on_that_topic_only() throws Exception {
        RedisInvalidationBus a = bus(redis.prefix(), "a");
        RedisInvalidationBus b = bus(redis.prefix(), "b");
        Recorder branding = new Recorder();
        Recorder plans = new Recorder();
        b.subscribe("branding", branding);
        b.subscribe("plans", plans);

        a.publish("branding", "portal.acme.example");

        assertThat(branding.keys.poll(5, TimeUnit.SECONDS)).isEqualTo("portal.acme.example");
        assertThat(plans.keys.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void installations_with_different_key_prefixes_do_not_hear_each_other() throws Exception {
        RedisInvalidationBus mine = bus(redis.prefix(), "mine");
        RedisInvalidationBus theirs = bus(redis.prefix() + "other:", "theirs");
        Recorder heard = new Recorder();
        theirs.subscribe("branding", heard);

        mine.publish("branding", "x.example");

        assertThat(heard.keys.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void a_closed_subscription_hears_nothing_more() throws Exception {
        RedisInvalidationBus a = bus(redis.prefix(), "a");
        RedisInvalidationBus b = bus(redis.prefix(), "b");
        Recorder heard = new Recorder();
        b.subscribe("branding", heard).close();

        a.publish("branding", "x.example");

        assertThat(heard.keys.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void a_cached_value_on_one_instance_is_reloaded_after_the_other_instance_invalidates_it() throws Exception {
        RedisInvalidationBus a = bus(redis.prefix(), "a");
        RedisInvalidationBus b = bus(redis.prefix(), "b");
        AtomicInteger version = new AtomicInteger(1);
        AtomicInteger loads = new AtomicInteger();
        LocalCache<String, String> cacheOnA = new LocalCache<>(a, "branding", k -> k,
                k -> { loads.incrementAndGet(); return k + "@v" + version.get(); },
                Duration.ofHours(1), 100, Clock.systemUTC());
        opened.add(0, cacheOnA);

        assertThat(cacheOnA.get("acme.example")).isEqualTo("acme.example@v1");
        assertThat(cacheOnA.get("acme.example")).isEqualTo("acme.example@v1");
        assertThat(loads.get()).isEqualTo(1);

        version.set(2);
        b.publish("branding", "acme.example");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cacheOnA.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cacheOnA.get("acme.example")).isEqualTo("acme.example@v2");
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void after_the_subscriber_loses_its_connection_listeners_are_told_to_drop_everything() throws Exception {
        String name = "gap-" + UUID.randomUUID().toString().substring(0, 8);
        RedisInvalidationBus bus = bus(redis.prefix(), name);
        Recorder heard = new Recorder();
        bus.subscribe("branding", heard);

        RedisClient admin = client("admin");
        try (StatefulRedisConnection<String, String> c = admin.connect()) {
            String list = c.sync().clientList();
            String id = list.lines().filter(l -> l.contains("name=" + name) && l.contains("sub=1"))
                    .map(l -> l.replaceAll("^id=(\\d+).*", "$1")).findFirst().orElseThrow();
            c.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(id)));
        }

        assertThat(heard.gaps.await(15, TimeUnit.SECONDS)).as("gap reported after reconnect").isTrue();
        // and the re-established subscription works again
        bus(redis.prefix(), "publisher").publish("branding", "after.example");
        assertThat(heard.keys.poll(5, TimeUnit.SECONDS)).isEqualTo("after.example");
    }
}
