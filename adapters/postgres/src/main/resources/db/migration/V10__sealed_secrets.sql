-- Secrets at rest are sealed (AEAD, AES-256-GCM through Google Tink; the key is SENDLINE_MASTER_KEY or
-- <data dir>/master-key.json). A sealed value starts with 'sealed:v1:' (text) or those ASCII bytes (bytea); a value
-- without the prefix was written before this version and is sealed by the start-up pass that follows the migrations.
-- Each value is bound to its table, row and column, so one copied elsewhere does not open.

-- The signing secret is sealed now, so it no longer looks like whsec_...; a legacy row still does until it is sealed.
alter table webhook_subscriptions drop constraint webhook_subscriptions_secret_check;
alter table webhook_subscriptions add constraint webhook_subscriptions_secret_check
    check (secret like 'sealed:v1:%' or secret like 'whsec\_%');

comment on column webhook_subscriptions.secret is 'sealed: webhook_subscriptions/<id>/secret';
comment on column cloud_numbers.access_token is 'sealed: cloud_numbers/<device_id>/access_token';
comment on column cloud_numbers.app_secret is 'sealed: cloud_numbers/<device_id>/app_secret';
comment on column cloud_numbers.verify_token is 'sealed: cloud_numbers/<device_id>/verify_token (compared after opening)';
comment on column web_sessions.keys is 'sealed bytes: web_sessions/<device_id>:<session_id>/keys';
comment on column web_sessions.store is 'sealed bytes: web_sessions/<device_id>:<session_id>/store';
