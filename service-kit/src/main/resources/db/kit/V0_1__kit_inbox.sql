-- service-kit inbox: the ce_ids a consumer has applied, written in the same transaction as the effect.
create table kit_inbox (
    consumer     text        not null,
    ce_id        text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, ce_id)
);
create index kit_inbox_processed_at on kit_inbox (processed_at);
