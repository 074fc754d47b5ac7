package com.sendline.adapters.postgres;

import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.ReceiptOutcome;
import com.sendline.domain.inbound.SentMessages;
import com.sendline.domain.scheduling.MessageStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Receipts applied to {@code messages} a batch at a time: one SELECT … FOR UPDATE finds and locks every message
 * the batch names, the domain's {@link MessageStatus#canMoveTo} decides each receipt in order, and one UPDATE …
 * FROM unnest(…) writes the results. Two batches touching the same message wait for each other, so the furthest
 * status always wins.
 */
public final class PostgresSentMessages implements SentMessages {
    private final Database db;

    public PostgresSentMessages(Database db) {
        this.db = db;
    }

    private static final class Row {
        final UUID id;
        final UUID business;
        final UUID device;
        final String providerId;
        MessageStatus status;
        boolean changed;
        String newProviderId;
        String error;

        Row(ResultSet rs) throws SQLException {
            id = rs.getObject(1, UUID.class);
            business = rs.getObject(2, UUID.class);
            device = rs.getObject(3, UUID.class);
            providerId = rs.getString(4);
            status = MessageStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public List<ReceiptOutcome> applyAll(List<Addressed> receipts) {
        if (receipts.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        List<String> providerIds = new ArrayList<>();
        for (Addressed a : receipts) {
            a.receipt().callbackId().ifPresent(id -> ids.add(id.value()));
            providerIds.add(a.receipt().providerMessageId());
        }
        return db.write().transaction(c -> {
            Sql sql = db.write();
            // Locked in id order, so two processors never deadlock on the same pair of messages.
            List<Row> rows = sql.list(c, "select id, business_id, device_id, provider_message_id, status"
                    + " from messages where id = any(?) or provider_message_id = any(?) order by id for update",
                    ps -> {
                        ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                        ps.setArray(2, c.createArrayOf("text", providerIds.toArray()));
                    }, Row::new);
            Map<UUID, Row> byId = new HashMap<>();
            Map<String, Row> byProviderId = new HashMap<>();
            for (Row r : rows) {
                byId.put(r.id, r);
                if (r.providerId != null) {
                    byProviderId.putIfAbsent(r.providerId + "|" + r.business + "|" + r.device, r);
                }
            }
            List<ReceiptOutcome> outcomes = new ArrayList<>(receipts.size());
            Map<UUID, Row> changed = new LinkedHashMap<>();
            for (Addressed a : receipts) {
                DeliveryReceipt receipt = a.receipt();
                UUID business = a.business().value();
                UUID device = a.device().value();
                Row row = receipt.callbackId().map(id -> byId.get(id.value()))
                        .filter(r -> r.business.equals(business) && r.device.equals(device)).orElse(null);
                if (row == null) {
                    row = byProviderId.get(receipt.providerMessageId() + "|" + business + "|" + device);
                }
                if (row == null) {
                    outcomes.add(ReceiptOutcome.UNKNOWN_MESSAGE);
                } else if (row.status == MessageStatus.SCHEDULED || row.status == MessageStatus.SENDING) {
                    // Our own outcome of the send is not written yet; writing the receipt first would make the
                    // send's outcome (which only touches rows still 'sending') miss, and lose Meta's id.
                    outcomes.add(ReceiptOutcome.NOT_YET_RECORDED);
                } else if (!row.status.canMoveTo(receipt.status())) {
                    outcomes.add(ReceiptOutcome.STALE);
                } else {
                    row.status = receipt.status();
                    row.changed = true;
                    if (row.providerId == null && row.newProviderId == null) {
                        row.newProviderId = receipt.providerMessageId();
                    }
                    if (receipt.status() == MessageStatus.FAILED) {
                        row.error = receipt.error() == null ? "failed, WhatsApp gave no reason" : receipt.error();
                    }
                    changed.put(row.id, row);
                    outcomes.add(ReceiptOutcome.APPLIED);
                }
            }
            if (!changed.isEmpty()) {
                int n = changed.size();
                UUID[] uids = new UUID[n];
                String[] statuses = new String[n];
                String[] providers = new String[n];
                String[] errors = new String[n];
                int i = 0;
                for (Row r : changed.values()) {
                    uids[i] = r.id;
                    statuses[i] = r.status.name().toLowerCase(Locale.ROOT);
                    providers[i] = r.newProviderId;
                    errors[i] = r.error;
                    i++;
                }
                sql.update(c, """
                        update messages m
                        set status = u.status,
                            provider_message_id = coalesce(m.provider_message_id, u.provider_id),
                            last_error = coalesce(u.error, m.last_error),
                            updated_at = now()
                        from unnest(?, ?, ?, ?) as u(id, status, provider_id, error)
                        where m.id = u.id
                        """, ps -> {
                    ps.setArray(1, c.createArrayOf("uuid", uids));
                    ps.setArray(2, c.createArrayOf("text", statuses));
                    ps.setArray(3, c.createArrayOf("text", providers));
                    ps.setArray(4, c.createArrayOf("text", errors));
                });
            }
            return outcomes;
        });
    }
}
