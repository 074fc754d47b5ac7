package com.sendline.bootstrap.lifecycle;

import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PostgresCloudNumbers;
import com.sendline.adapters.postgres.PostgresWebCredentials;
import com.sendline.adapters.postgres.PostgresWebhookSubscriptions;
import com.sendline.bootstrap.config.ConfigurationError;
import com.sendline.domain.crypto.SecretSealer;
import com.sendline.domain.crypto.UnreadableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up step that follows the migrations. First it opens one sealed secret of each kind: an instance whose
 * key is not the installation's stops here (exit 2), before it seals anything the others could not open. Then it
 * seals every secret still stored in the clear (rows written before V10, or by an older instance during a rolling
 * upgrade).
 *
 * <p>One pass at start-up rather than sealing lazily on write: the webhook secrets and Cloud API credentials are
 * read far more often than written, some never again, so a lazy scheme would leave them in the clear indefinitely.
 * Reads still accept a plain value, so an instance never fails on a row the pass has not reached yet.
 */
public final class SealedSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(SealedSecrets.class);

    private SealedSecrets() {
    }

    /** @throws ConfigurationError when this instance's key does not open what is already sealed */
    public static void checkAndSealLegacy(Database db, SecretSealer sealer) {
        PostgresCloudNumbers cloud = new PostgresCloudNumbers(db, sealer);
        PostgresWebCredentials web = new PostgresWebCredentials(db, sealer);
        PostgresWebhookSubscriptions webhooks = new PostgresWebhookSubscriptions(db, sealer);
        try {
            cloud.openOneSealed();
            web.openOneSealed();
            webhooks.openOneSealed();
        } catch (UnreadableSecret e) {
            throw new ConfigurationError("SENDLINE_MASTER_KEY (or <data dir>/" + MasterKey.FILE + ") does not open"
                    + " the secrets already in the database: every instance of an installation needs the same key,"
                    + " and a rotated keyset must keep its older keys (" + e.getMessage() + ")");
        }
        int sealed = cloud.sealLegacy() + web.sealLegacy() + webhooks.sealLegacy();
        if (sealed > 0) {
            LOG.info("Sealed the secrets of {} row(s) that were stored in the clear", sealed);
        }
    }
}
