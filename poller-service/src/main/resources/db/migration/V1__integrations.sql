-- Tracker integrations: an API token (sealed by SecretBox, context integration/{id}/tracker-token) and the projects
-- it is polled for. The lease columns say which replica polls it now: taken with FOR UPDATE SKIP LOCKED, renewed
-- while a run lasts, lost when it expires (a replica that died).
create table integration (
    id                   bigserial primary key,
    name                 text        not null,
    base_url             text        not null,
    -- empty: every project the token can see
    project_ids          bigint[]    not null default '{}',
    sync_interval        text        not null,
    -- null once the integration is unlinked: nothing secret stays behind
    token_sealed         text,
    state                text        not null check (state in ('importing', 'ok', 'error', 'disabled')),
    last_error           text,
    last_sync_at         timestamptz,
    next_sync_at         timestamptz not null default now(),
    -- the /my/notifications item time up to which notifications were published
    notifications_since  timestamptz,
    lease_owner          text,
    lease_until          timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index integration_due on integration (next_sync_at) where token_sealed is not null;

-- One row per project an integration polls: its cursor (the project version up to which everything was published)
-- and the story ids last seen (only to find deletions when the activity feed no longer reaches back to the cursor).
create table project (
    integration_id   bigint      not null references integration (id) on delete cascade,
    project_id       bigint      not null,
    name             text,
    -- null until the first import finished
    cursor_version   bigint,
    state            text        not null default 'pending'
                     check (state in ('pending', 'ok', 'forbidden', 'gone')),
    last_error       text,
    -- when the activity feed last failed to reach back to the cursor and stories were compared instead
    history_fallback_at timestamptz,
    story_ids        bigint[]    not null default '{}',
    synced_at        timestamptz,
    updated_at       timestamptz not null default now(),
    primary key (integration_id, project_id)
);

-- Commands from hub.sync-requests (force, gap) waiting for the integration's next run; all of an integration's
-- pending requests are merged into that one run.
create table sync_request (
    id              bigserial primary key,
    integration_id  bigint      not null references integration (id) on delete cascade,
    reason          text        not null,
    project_id      bigint,
    from_version    bigint,
    to_version      bigint,
    requested_at    timestamptz not null,
    received_at     timestamptz not null default now()
);
create index sync_request_integration on sync_request (integration_id);

-- Each run of an integration: who ran it, why, how far it got.
create table sync_run (
    id              bigserial primary key,
    integration_id  bigint      not null references integration (id) on delete cascade,
    replica         text        not null,
    reason          text        not null,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    outcome         text        not null default 'running' check (outcome in ('running', 'ok', 'failed', 'lost_lease')),
    projects_done   integer     not null default 0,
    projects_total  integer     not null default 0,
    stories_seen    bigint      not null default 0,
    activities      bigint      not null default 0,
    requests        integer     not null default 0,
    error           text
);
create index sync_run_integration on sync_run (integration_id, started_at desc);
