package com.sendline.adapters.postgres;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.scheduling.SendResult;
import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.Branding;
import com.sendline.domain.tenancy.Business;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.domain.tenancy.BusinessStatus;
import com.sendline.domain.tenancy.Colour;
import com.sendline.domain.tenancy.EmailAddress;
import com.sendline.domain.tenancy.HostName;
import com.sendline.domain.tenancy.Reseller;
import com.sendline.domain.tenancy.ResellerId;
import com.sendline.domain.tenancy.Slug;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The idempotency gate: however many workers claim the same messages at once, each is handed out once. */
class MessageGateTest {
    private TestDatabase schema;
    private Schemas schemas;
    private PostgresMessageStore store;
    private BusinessId business;
    private Device device;

    @BeforeEach
    void setUp() {
        schema = TestServices.freshDatabase();
        schemas = new Schemas();
        Database db = Database.primaryOnly(schemas.pool(schema, 12, Duration.ofSeconds(5)));
        PostgresMigrations.migrate(PostgresUrl.parse(schema.jdbcUrl()));
        Reseller r = new Reseller(ResellerId.random(), "R", new Slug("r"), Set.of(new HostName("r.example")),
                new Branding("R", null, new Colour("#112233"), new EmailAddress("help@r.example")));
        new PostgresResellers(db, ReadRoute.PRIMARY).add(r);
        Business b = new Business(BusinessId.random(), r.id(), "B", ZoneId.of("Europe/Berlin"), BusinessStatus.ACTIVE);
        new PostgresBusinesses(db, ReadRoute.PRIMARY).add(b);
        business = b.id();
        device = Device.newDevice(business, Channel.SIMULATOR, new PhoneNumber("+15550000001"), "d");
        new PostgresDevices(db, ReadRoute.PRIMARY).add(device);
        store = new PostgresMessageStore(db, ReadRoute.PRIMARY);
    }

    @AfterEach
    void tearDown() throws Exception {
        schemas.close();
        schema.close();
    }

    private List<ScheduledMessage> schedule(int n, Instant due) {
        List<ScheduledMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ScheduledMessage m = ScheduledMessage.schedule(business, device.id(), new PhoneNumber("+4915123456789"),
                    new MessageBody("hello " + i), due);
            store.add(m);
            out.add(m);
        }
        return out;
    }

    @Test
    void eight_workers_claiming_the_same_batch_at_once_each_get_a_disjoint_share() throws Exception {
        List<MessageId> ids = schedule(400, Instant.now().minusSeconds(1)).stream().map(ScheduledMessage::id).toList();
        List<Future<List<ScheduledMessage>>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                Callable<List<ScheduledMessage>> claim = () -> store.claim(ids, Instant.now());
                claims.add(pool.submit(claim));
            }
        }
        Set<MessageId> seen = new HashSet<>();
        int total = 0;
        for (Future<List<ScheduledMessage>> f : claims) {
            for (ScheduledMessage m : f.get()) {
                assertThat(seen.add(m.id())).as("claimed twice: " + m.id()).isTrue();
                assertThat(m.status()).isEqualTo(MessageStatus.SENDING);
                assertThat(m.attempts()).isEqualTo(1);
                total++;
            }
        }
        assertThat(total).isEqualTo(400);
        assertThat(store.claim(ids, Instant.now())).as("nothing left to claim").isEmpty();
    }

    @Test
    void a_message_not_yet_due_or_already_finished_is_not_claimed_and_finish_touches_only_sending_rows() {
        ScheduledMessage later = schedule(1, Instant.now().plusSeconds(3600)).getFirst();
        ScheduledMessage now = schedule(1, Instant.now().minusSeconds(1)).getFirst();
        assertThat(store.claim(List.of(later.id(), now.id()), Instant.now())).extracting(ScheduledMessage::id)
                .containsExactly(now.id());
        ScheduledMessage claimed = store.find(business, now.id()).orElseThrow();
        store.finish(List.of(new SendResult(claimed.sent(), "wamid.1")));
        // A late duplicate outcome (a stale worker) cannot move it back.
        store.finish(List.of(new SendResult(claimed.failed("late"), null)));
        assertThat(store.find(business, now.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        assertThat(store.claim(List.of(now.id()), Instant.now())).isEmpty();
    }

    @Test
    void reconcile_pages_through_every_pending_message_of_its_shard_in_id_order() {
        List<ScheduledMessage> all = schedule(25, Instant.now());
        Set<MessageId> found = new HashSet<>();
        MessageId after = null;
        while (true) {
            var page = store.pending(ShardRange.ALL, Instant.now().plusSeconds(60), after, 7);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(e -> found.add(e.message()));
            after = page.getLast().message();
        }
        assertThat(found).hasSize(25).containsAll(all.stream().map(ScheduledMessage::id).toList());
        ShardRange other = ShardRange.ALL.owns(com.sendline.domain.sharding.QueuePartition.of(business))
                && com.sendline.domain.sharding.QueuePartition.of(business).index() < 50
                ? ShardRange.parse("50-100%") : ShardRange.parse("0-50%");
        assertThat(store.pending(other, Instant.now().plusSeconds(60), null, 100)).isEmpty();
    }

    @Test
    void many_messages_go_in_as_one_statement_except_one_whose_device_is_gone_or_not_its_businesss() {
        Instant due = Instant.parse("2030-01-01T09:00:00Z");
        List<ScheduledMessage> fine = schedule(0, due);
        for (int i = 0; i < 3; i++) {
            fine.add(ScheduledMessage.schedule(business, device.id(), new PhoneNumber("+4915123456" + (700 + i)),
                    new com.sendline.domain.scheduling.MessageBody("Hi " + i), due));
        }
        ScheduledMessage goneDevice = ScheduledMessage.schedule(business, new com.sendline.domain.device.DeviceId(
                        java.util.UUID.randomUUID()), new PhoneNumber("+4915123456799"),
                new com.sendline.domain.scheduling.MessageBody("Lost"), due);
        ScheduledMessage otherBusiness = ScheduledMessage.schedule(BusinessId.random(), device.id(),
                new PhoneNumber("+4915123456798"), new com.sendline.domain.scheduling.MessageBody("Foreign"), due);
        List<ScheduledMessage> all = new ArrayList<>(fine);
        all.add(goneDevice);
        all.add(otherBusiness);

        Set<com.sendline.domain.scheduling.MessageId> added = store.addAll(all);

        assertThat(added).containsExactlyInAnyOrderElementsOf(fine.stream().map(ScheduledMessage::id).toList());
        for (ScheduledMessage m : fine) {
            assertThat(store.find(business, m.id())).contains(m);
        }
        assertThat(store.find(business, goneDevice.id())).isEmpty();
        assertThat(store.addAll(List.of())).isEmpty();
    }
}
