package com.sendline.adapters.postgres;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.ReceiptOutcome;
import com.sendline.domain.inbound.SentMessages;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.tenancy.BusinessId;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Receipts applied to {@code messages}: the row is locked, the domain's {@link MessageStatus#canMoveTo} decides, and
 * only then is it written, so two receipts of one message racing each other still leave the furthest status.
 */
public final class PostgresSentMessages implements SentMessages {
    private final Database db;

    public PostgresSentMessages(Database db) {
        this.db = db;
    }

    private record Row(UUID id, MessageStatus status) {
    }

    @Override
    public ReceiptOutcome apply(BusinessId business, DeviceId device, DeliveryReceipt receipt) {
        return db.write().transaction(c -> {
            Sql sql = db.write();
            Optional<Row> row = Optional.empty();
            if (receipt.callbackId().isPresent()) {
                row = sql.list(c, "select id, status from messages where id = ? and business_id = ? and device_id = ?"
                                + " for update", ps -> {
                            ps.setObject(1, receipt.callbackId().get().value());
                            ps.setObject(2, business.value());
                            ps.setObject(3, device.value());
                        }, PostgresSentMessages::row).stream().findFirst();
            }
            if (row.isEmpty()) {
                row = sql.list(c, "select id, status from messages where provider_message_id = ? and business_id = ?"
                                + " and device_id = ? limit 1 for update", ps -> {
                            ps.setString(1, receipt.providerMessageId());
                            ps.setObject(2, business.value());
                            ps.setObject(3, device.value());
                        }, PostgresSentMessages::row).stream().findFirst();
            }
            if (row.isEmpty()) {
                return ReceiptOutcome.UNKNOWN_MESSAGE;
            }
            UUID id = row.get().id();
            MessageStatus current = row.get().status();
            if (current == MessageStatus.SCHEDULED || current == MessageStatus.SENDING) {
                // Our own outcome of the send has not been written yet; writing the receipt first would make the
                // send's outcome (which only touches rows still 'sending') miss, and lose Meta's id.
                return ReceiptOutcome.NOT_YET_RECORDED;
            }
            if (!current.canMoveTo(receipt.status())) {
                return ReceiptOutcome.STALE;
            }
            String next = receipt.status().name().toLowerCase(Locale.ROOT);
            sql.update(c, """
                    update messages
                    set status = ?,
                        provider_message_id = coalesce(provider_message_id, ?),
                        last_error = case when ? = 'failed' then ? else last_error end,
                        updated_at = now()
                    where id = ?
                    """, ps -> {
                ps.setString(1, next);
                ps.setString(2, receipt.providerMessageId());
                ps.setString(3, next);
                ps.setString(4, receipt.error() == null ? "failed, WhatsApp gave no reason" : receipt.error());
                ps.setObject(5, id);
            });
            return ReceiptOutcome.APPLIED;
        });
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject(1, UUID.class), MessageStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
    }
}
