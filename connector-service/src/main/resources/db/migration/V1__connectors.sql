-- Connectors to external ticket systems, the links between Tracker stories and tickets, and the ledger of what the
-- connector wrote itself (so that it never echoes its own writes). Write-back calls are service-kit outbox rows
-- (kit_outbox, destination 'connector/{id}', ordering key 'link/{id}').
create table connector (
    id                 bigserial primary key,
    type               text        not null check (type in ('jira', 'zendesk', 'bugzilla', 'lighthouse', 'satisfaction', 'other')),
    name               text        not null,
    tracker_base_url   text        not null,
    tracker_project_id bigint      not null,
    -- the connector's own Tracker API token, sealed by SecretBox (context connector/{id}/tracker-token)
    tracker_token      text        not null,
    -- the settings that are not secret, as given
    config             text        not null,
    -- the secret settings (api_token, password, api_key, token) as one sealed JSON object (context connector/{id}/config)
    secrets            text,
    state              text        not null default 'active' check (state in ('active', 'error')),
    state_reason       text,
    state_changed_at   timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

create table link (
    id           bigserial primary key,
    connector_id bigint      not null references connector (id) on delete cascade,
    project_id   bigint      not null,
    story_id     bigint      not null,
    external_id  text        not null,
    external_url text,
    title        text,
    -- what went wrong last when writing back to the ticket without failing a delivery (e.g. a missing Jira transition)
    problem      text,
    problem_at   timestamptz,
    created_at   timestamptz not null default now(),
    unique (connector_id, external_id)
);
create index link_story on link (story_id);
create index link_external on link (external_id);

-- Ids the connector wrote: Tracker comments it posted, external comments and tickets it created.
create table ledger (
    connector_id bigint      not null references connector (id) on delete cascade,
    kind         text        not null check (kind in ('tracker_comment', 'external_comment', 'external_ticket')),
    ref          text        not null,
    created_at   timestamptz not null default now(),
    primary key (connector_id, kind, ref)
);
create index ledger_ref on ledger (kind, ref);
