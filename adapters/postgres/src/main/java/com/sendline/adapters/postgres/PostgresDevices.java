package com.sendline.adapters.postgres;

import com.sendline.domain.device.Channel;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.device.Devices;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.tenancy.BusinessId;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

public final class PostgresDevices implements Devices {
    private static final String SELECT =
            "select id, business_id, channel, phone_number, label, session_state from devices ";
    private final Database db;
    private final ReadRoute reads;

    public PostgresDevices(Database db, ReadRoute reads) {
        this.db = db;
        this.reads = reads;
    }

    @Override
    public void add(Device d) {
        db.write().update("""
                insert into devices (id, business_id, channel, phone_number, label, session_state)
                values (?, ?, ?, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, d.id().value());
            ps.setObject(2, d.businessId().value());
            ps.setString(3, d.channel().name().toLowerCase(Locale.ROOT));
            ps.setString(4, d.phoneNumber() == null ? null : d.phoneNumber().e164());
            ps.setString(5, d.label());
            ps.setString(6, d.sessionState().name().toLowerCase(Locale.ROOT));
        });
    }

    @Override
    public Optional<Device> find(BusinessId business, DeviceId device) {
        return db.read(reads).one(SELECT + "where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, device.value());
        }, PostgresDevices::map);
    }

    @Override
    public Optional<Device> findForSystem(DeviceId device) {
        return db.write().one(SELECT + "where id = ?", ps -> ps.setObject(1, device.value()), PostgresDevices::map);
    }

    @Override
    public List<Device> list(BusinessId business) {
        return db.read(reads).list(SELECT + "where business_id = ? order by created_at, id",
                ps -> ps.setObject(1, business.value()), PostgresDevices::map);
    }

    @Override
    public void setPhoneNumber(BusinessId business, DeviceId device, PhoneNumber number) {
        db.write().update("update devices set phone_number = ?, updated_at = now() where business_id = ? and id = ?",
                ps -> {
                    ps.setString(1, number.e164());
                    ps.setObject(2, business.value());
                    ps.setObject(3, device.value());
                });
    }

    @Override
    public void setSessionState(BusinessId business, DeviceId device, SessionState state) {
        db.write().update("""
                update devices set session_state = ?, updated_at = now()
                where business_id = ? and id = ? and session_state <> ?
                """, ps -> {
            String value = state.name().toLowerCase(Locale.ROOT);
            ps.setString(1, value);
            ps.setObject(2, business.value());
            ps.setObject(3, device.value());
            ps.setString(4, value);
        });
    }

    @Override
    public List<Device> inStates(java.util.Set<SessionState> states, int limit) {
        String[] names = states.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return db.write().list(SELECT + "where session_state = any(?) order by id limit ?", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", names));
            ps.setInt(2, limit);
        }, PostgresDevices::map);
    }

    @Override
    public boolean remove(BusinessId business, DeviceId device) {
        return db.write().update("delete from devices where business_id = ? and id = ?", ps -> {
            ps.setObject(1, business.value());
            ps.setObject(2, device.value());
        }) == 1;
    }

    private static Device map(ResultSet rs) throws SQLException {
        String phone = rs.getString("phone_number");
        return new Device(new DeviceId(rs.getObject("id", UUID.class)),
                new BusinessId(rs.getObject("business_id", UUID.class)),
                Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
                phone == null ? null : new PhoneNumber(phone), rs.getString("label"),
                SessionState.valueOf(rs.getString("session_state").toUpperCase(Locale.ROOT)));
    }
}
