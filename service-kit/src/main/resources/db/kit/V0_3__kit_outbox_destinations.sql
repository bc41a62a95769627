-- service-kit outbox, 2: deliveries name their destination (rate limit, pausing) and an ordering key (one at a time,
-- in id order, per key).
alter table kit_outbox add column destination text;
alter table kit_outbox add column ordering_key text;
create index kit_outbox_order on kit_outbox (ordering_key, id) where status in ('pending', 'sending');
create index kit_outbox_by_destination on kit_outbox (destination, status, id);

-- One row per destination that has a rate limit or has failed: a destination failing for longer than
-- hub.outbox.pause-after is paused with its reason until an operator resumes it.
create table kit_outbox_destination (
    name                 text primary key,
    rate_per_second      double precision check (rate_per_second is null or rate_per_second > 0),
    failing_since        timestamptz,
    consecutive_failures integer     not null default 0,
    last_error           text,
    paused_at            timestamptz,
    pause_reason         text,
    updated_at           timestamptz not null default now()
);
