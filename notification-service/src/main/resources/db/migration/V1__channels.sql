-- Chat rooms and outbound activity web hooks that chosen Tracker activity goes to. Deliveries themselves are
-- service-kit outbox rows (kit_outbox, destination 'channel/{id}').
create table channel (
    id              bigserial primary key,
    type            text        not null check (type in ('slack', 'campfire', 'webhook')),
    name            text        not null,
    -- null: every project
    project_ids     bigint[],
    -- new_stories, state_changes, comments; empty on a web hook channel = every kind
    publish         text[]      not null default '{}',
    -- activity kinds a web hook channel takes; null = all
    kinds           text[],
    -- the receiver's URL holds its key: sealed by SecretBox (context channel/{id}/url), never returned
    url_sealed      text        not null,
    -- what the API shows instead: scheme and host only
    url_hint        text        not null,
    version         text        check (version in ('v5', 'v3')),
    rate_per_second double precision check (rate_per_second is null or rate_per_second > 0),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
