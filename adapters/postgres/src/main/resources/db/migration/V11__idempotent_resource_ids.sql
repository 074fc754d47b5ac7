-- The id of the resource a request under an idempotency key creates, reserved when the key is claimed. A request
-- that dies after creating its resource but before its answer is stored leaves a stale pending claim; the retry that
-- takes the claim over gets the same id back, and the create, idempotent on that id, finds the resource instead of
-- making a second one. Null only on claims made before this column existed.
alter table idempotency_keys add column resource_id uuid;
