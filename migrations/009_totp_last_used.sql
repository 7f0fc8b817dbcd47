-- A second-factor code is good once: the start (epoch seconds) of the 30-second step whose code
-- last signed the person in. A code from that step or an earlier one is refused, so a code seen
-- over someone's shoulder cannot be replayed within its window.
alter table staff add column totp_last_step bigint;
