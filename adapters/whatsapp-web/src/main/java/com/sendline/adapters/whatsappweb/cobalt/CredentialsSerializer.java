package com.sendline.adapters.whatsappweb.cobalt;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.WebCredentials;
import com.sendline.domain.tenancy.BusinessId;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Controller;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.controller.StoreSpec;
import it.auties.whatsapp.model.mobile.PhoneNumber;

import java.util.Arrays;
import java.util.LinkedList;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cobalt's session persistence for one device and one pairing session, backed by the {@link WebCredentials} port
 * (Postgres) instead of Cobalt's default files under {@code ~/.cobalt}. Keys and store are Cobalt's own protobuf
 * encoding ({@link KeysSpec}, {@link StoreSpec}); chats and newsletters are not kept (Sendline sends, it does not
 * mirror history). A write that changes nothing is skipped, so Cobalt's periodic saves (every ping) cost no query
 * while nothing happens. Writes happen in the order they run, one at a time, and each encodes the state as it is
 * when it runs, so the last one written is the newest.
 */
public final class CredentialsSerializer implements ControllerSerializer {
    /** The encoding written here; a row in another format is never handed to Cobalt. */
    public static final String FORMAT = "cobalt-0.0.10-protobuf";
    private static final System.Logger LOG = System.getLogger(CredentialsSerializer.class.getName());

    private final WebCredentials credentials;
    private final BusinessId business;
    private final DeviceId device;
    private final UUID session;
    private final WebCredentials.Stored stored;
    private final ReentrantLock writing = new ReentrantLock();
    private byte[] lastKeys;
    private byte[] lastStore;
    private volatile boolean superseded;

    /** @param stored what the device has stored for {@code session}, or null for a pairing that starts from nothing */
    public CredentialsSerializer(WebCredentials credentials, BusinessId business, DeviceId device, UUID session,
                          WebCredentials.Stored stored) {
        this.credentials = credentials;
        this.business = business;
        this.device = device;
        this.session = session;
        this.stored = stored;
        if (stored != null && !stored.session().equals(session)) {
            throw new IllegalArgumentException("the stored credentials belong to another session");
        }
    }

    UUID session() {
        return session;
    }

    /** True once a write found the session replaced, logged out or the device gone: nothing is written any more. */
    public boolean superseded() {
        return superseded;
    }

    @Override
    public LinkedList<UUID> listIds(ClientType type) {
        LinkedList<UUID> ids = new LinkedList<>();
        if (type == ClientType.WEB && stored != null && stored.keys() != null) {
            ids.add(session);
        }
        return ids;
    }

    @Override
    public LinkedList<PhoneNumber> listPhoneNumbers(ClientType type) {
        return new LinkedList<>();
    }

    @Override
    public CompletableFuture<Void> serializeKeys(Keys keys, boolean async) {
        if (!session.equals(keys.uuid())) {
            return CompletableFuture.completedFuture(null);
        }
        return run(() -> {
            byte[] bytes = KeysSpec.encode(keys);
            if (Arrays.equals(bytes, lastKeys)) {
                return;
            }
            if (credentials.saveKeys(business, device, session, bytes, keys.registered())) {
                lastKeys = bytes;
            } else {
                supersede();
            }
        }, async, "keys");
    }

    @Override
    public CompletableFuture<Void> serializeStore(Store store, boolean async) {
        if (!session.equals(store.uuid())) {
            return CompletableFuture.completedFuture(null);
        }
        return run(() -> {
            byte[] bytes = StoreSpec.encode(store);
            if (Arrays.equals(bytes, lastStore)) {
                return;
            }
            if (credentials.saveStore(business, device, session, bytes)) {
                lastStore = bytes;
            } else {
                supersede();
            }
        }, async, "store");
    }

    private CompletableFuture<Void> run(Runnable write, boolean async, String what) {
        Runnable guarded = () -> {
            if (superseded) {
                return;
            }
            writing.lock();
            try {
                if (!superseded) {
                    write.run();
                }
            } catch (RuntimeException e) {
                // Cobalt may change its state while it is encoded, or the database may be away: the next periodic
                // save (every ping) tries again.
                LOG.log(System.Logger.Level.WARNING, "Saving the WhatsApp Web " + what + " of device " + device
                        + " failed: " + e);
            } finally {
                writing.unlock();
            }
        };
        if (!async) {
            guarded.run();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(guarded,
                task -> Thread.ofVirtual().name("sendline-web-credentials-" + device).start(task));
    }

    private void supersede() {
        if (!superseded) {
            superseded = true;
            LOG.log(System.Logger.Level.INFO, "WhatsApp Web session " + session + " of device " + device
                    + " is no longer the device's (re-paired, logged out or removed); its state is not saved");
        }
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, UUID id) {
        if (type != ClientType.WEB || !session.equals(id) || stored == null || stored.keys() == null) {
            return Optional.empty();
        }
        Keys keys = KeysSpec.decode(stored.keys());
        lastKeys = stored.keys();
        return Optional.of(keys);
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, PhoneNumber phoneNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<Keys> deserializeKeys(ClientType type, String alias) {
        return Optional.empty();
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, UUID id) {
        if (type != ClientType.WEB || !session.equals(id) || stored == null || stored.store() == null) {
            return Optional.empty();
        }
        Store store = StoreSpec.decode(stored.store());
        lastStore = stored.store();
        return Optional.of(store);
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, PhoneNumber phoneNumber) {
        return Optional.empty();
    }

    @Override
    public Optional<Store> deserializeStore(ClientType type, String alias) {
        return Optional.empty();
    }

    /** Cobalt calls this when WhatsApp logged the device out or banned it: the keys are wiped, never written again. */
    @Override
    public void deleteSession(Controller<?> controller) {
        if (!session.equals(controller.uuid())) {
            return;
        }
        writing.lock();
        try {
            superseded = true;
            credentials.loggedOut(business, device, session);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Wiping the WhatsApp Web credentials of device " + device
                    + " failed: " + e);
        } finally {
            writing.unlock();
        }
    }
}
