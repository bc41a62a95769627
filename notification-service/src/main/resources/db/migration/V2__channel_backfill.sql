-- A channel's backfill: the past activity from `since` on tracker.activity delivered to that channel only. While it
-- runs the live consumer leaves the channel to it, so that the channel reads its history in order.
create table channel_backfill (
    channel_id  bigint      primary key references channel (id) on delete cascade,
    since       timestamptz not null,
    state       text        not null check (state in ('running', 'done', 'failed')),
    read        bigint      not null default 0,
    queued      bigint      not null default 0,
    error       text,
    started_at  timestamptz not null default now(),
    finished_at timestamptz
);
