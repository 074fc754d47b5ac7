package com.sendline.adapters.postgres;

import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.AlreadyTaken;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cloud API credentials, one row per Cloud device; the business comes from the device row it belongs to. The access
 * token, app secret and verify token are sealed, each bound to its device and column. No query looks a number up by
 * a secret: webhook verification compares verify tokens after opening them (CloudWebhookDirectory).
 */
public final class PostgresCloudNumbers implements CloudNumbers {
    private static final String TABLE = "cloud_numbers";
    private static final String SELECT = "select device_id, phone_number_id, display_number, access_token, app_secret, "
            + "verify_token from cloud_numbers ";
    private final Database db;
    private final SecretSealer sealer;

    public PostgresCloudNumbers(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    @Override
    public void save(CloudNumber n) {
        int rows;
        try {
            rows = db.write().update("""
                    insert into cloud_numbers (device_id, business_id, phone_number_id, display_number, access_token,
                                               app_secret, verify_token)
                    select d.id, d.business_id, ?, ?, ?, ?, ? from devices d where d.id = ? and d.channel = 'cloud'
                    on conflict (device_id) do update set phone_number_id = excluded.phone_number_id,
                        display_number = excluded.display_number, access_token = excluded.access_token,
                        app_secret = excluded.app_secret, verify_token = excluded.verify_token
                    """, ps -> {
                ps.setString(1, n.phoneNumberId());
                ps.setString(2, n.displayNumber().e164());
                ps.setString(3, sealer.seal(n.accessToken(), context(n.device(), "access_token")));
                ps.setString(4, sealer.seal(n.appSecret(), context(n.device(), "app_secret")));
                ps.setString(5, sealer.seal(n.verifyToken(), context(n.device(), "verify_token")));
                ps.setObject(6, n.device().value());
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw new AlreadyTaken("phone number id", n.phoneNumberId());
            }
            throw e;
        }
        if (rows == 0) {
            throw new IllegalArgumentException("device " + n.device() + " is not a Cloud API device");
        }
    }

    @Override
    public Optional<CloudNumber> of(DeviceId device) {
        return db.write().one(SELECT + "where device_id = ?", ps -> ps.setObject(1, device.value()),
                this::map);
    }

    @Override
    public Optional<CloudNumber> byPhoneNumberId(String phoneNumberId) {
        return db.write().one(SELECT + "where phone_number_id = ?", ps -> ps.setString(1, phoneNumberId),
                this::map);
    }

    @Override
    public java.util.List<Owned> all() {
        return db.write().list("select device_id, phone_number_id, display_number, access_token, app_secret,"
                + " verify_token, business_id from cloud_numbers order by device_id", ps -> {
        }, rs -> new Owned(new com.sendline.domain.tenancy.BusinessId(rs.getObject(7, UUID.class)), map(rs)));
    }

    /**
     * Seals the secrets of rows written before sealing existed (migration V10), each row in one compare-and-set
     * update: an instance sealing the same rows at the same time, or a save in between, makes it change nothing.
     *
     * @return rows sealed now
     */
    public int sealLegacy() {
        List<String[]> legacy = db.write().list("""
                select device_id, access_token, app_secret, verify_token from cloud_numbers
                 where left(access_token, 10) <> ? or left(app_secret, 10) <> ? or left(verify_token, 10) <> ?
                """, ps -> {
            ps.setString(1, SecretSealer.PREFIX);
            ps.setString(2, SecretSealer.PREFIX);
            ps.setString(3, SecretSealer.PREFIX);
        }, rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        int sealed = 0;
        for (String[] row : legacy) {
            DeviceId device = new DeviceId(UUID.fromString(row[0]));
            sealed += db.write().update("""
                    update cloud_numbers set access_token = ?, app_secret = ?, verify_token = ?
                     where device_id = ? and access_token = ? and app_secret = ? and verify_token = ?
                    """, ps -> {
                ps.setString(1, sealIfLegacy(row[1], context(device, "access_token")));
                ps.setString(2, sealIfLegacy(row[2], context(device, "app_secret")));
                ps.setString(3, sealIfLegacy(row[3], context(device, "verify_token")));
                ps.setObject(4, device.value());
                ps.setString(5, row[1]);
                ps.setString(6, row[2]);
                ps.setString(7, row[3]);
            });
        }
        return sealed;
    }

    /**
     * Opens one sealed row, if there is one: the start-up check that this instance's key is the installation's.
     *
     * @throws com.sendline.domain.crypto.UnreadableSecret when it does not open
     */
    public void openOneSealed() {
        db.write().one(SELECT + "where left(access_token, 10) = ? limit 1",
                ps -> ps.setString(1, SecretSealer.PREFIX), this::map);
    }

    private String sealIfLegacy(String stored, String context) {
        return SecretSealer.isSealed(stored) ? stored : sealer.seal(stored, context);
    }

    private static String context(DeviceId device, String column) {
        return SecretSealer.context(TABLE, device.value(), column);
    }

    private CloudNumber map(ResultSet rs) throws SQLException {
        DeviceId device = new DeviceId(rs.getObject(1, UUID.class));
        return new CloudNumber(device, rs.getString(2), new PhoneNumber(rs.getString(3)),
                sealer.open(rs.getString(4), context(device, "access_token")),
                sealer.open(rs.getString(5), context(device, "app_secret")),
                sealer.open(rs.getString(6), context(device, "verify_token")));
    }
}
