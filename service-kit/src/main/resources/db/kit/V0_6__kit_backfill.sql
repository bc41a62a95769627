-- service-kit backfills: past activity from `since` on tracker.activity delivered to one subscriber only (a
-- notification channel, a connector link). While one runs, the live consumer leaves that subscriber to it, so the
-- subscriber reads its history and what arrives meanwhile in order; `kind` names the subscriber's table.
create table kit_backfill (
    kind        text        not null,
    target_id   bigint      not null,
    since       timestamptz not null,
    state       text        not null check (state in ('running', 'done', 'failed')),
    read        bigint      not null default 0,
    queued      bigint      not null default 0,
    error       text,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    primary key (kind, target_id)
);
