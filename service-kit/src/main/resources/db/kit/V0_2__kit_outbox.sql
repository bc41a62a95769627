-- service-kit outbox: external deliveries written in the transaction of the effect, sent afterwards.
create table kit_outbox (
    id              bigserial primary key,
    channel         text        not null,
    target          text        not null,
    dedup_key       text,
    payload         text        not null,
    headers         text        not null default '{}',
    status          text        not null default 'pending'
                    check (status in ('pending', 'sending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    max_attempts    integer     not null,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    last_status     integer,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    unique (channel, dedup_key)
);
create index kit_outbox_due on kit_outbox (next_attempt_at) where status in ('pending', 'sending');
create index kit_outbox_failed on kit_outbox (updated_at) where status = 'failed';
