package com.sendline.adapters.postgres;

import com.sendline.domain.device.CloudNumber;
import com.sendline.domain.device.CloudNumbers;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.tenancy.AlreadyTaken;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Cloud API credentials, one row per Cloud device; the business comes from the device row it belongs to. */
public final class PostgresCloudNumbers implements CloudNumbers {
    private static final String SELECT = "select device_id, phone_number_id, display_number, access_token, app_secret, "
            + "verify_token from cloud_numbers ";
    private final Database db;

    public PostgresCloudNumbers(Database db) {
        this.db = db;
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
                ps.setString(3, n.accessToken());
                ps.setString(4, n.appSecret());
                ps.setString(5, n.verifyToken());
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
                PostgresCloudNumbers::map);
    }

    @Override
    public Optional<CloudNumber> byPhoneNumberId(String phoneNumberId) {
        return db.write().one(SELECT + "where phone_number_id = ?", ps -> ps.setString(1, phoneNumberId),
                PostgresCloudNumbers::map);
    }

    @Override
    public java.util.List<Owned> all() {
        return db.write().list("select device_id, phone_number_id, display_number, access_token, app_secret,"
                + " verify_token, business_id from cloud_numbers order by device_id", ps -> {
        }, rs -> new Owned(new com.sendline.domain.tenancy.BusinessId(rs.getObject(7, UUID.class)), map(rs)));
    }

    private static CloudNumber map(ResultSet rs) throws SQLException {
        return new CloudNumber(new DeviceId(rs.getObject(1, UUID.class)), rs.getString(2),
                new PhoneNumber(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6));
    }
}
