-- The read model (issue 9): a query-friendly copy of Tracker projects, epics, stories and notifications, built from
-- tracker.projects / tracker.epics / tracker.stories / tracker.notifications (and tracker.activity for freshness).
-- Rows are never deleted by a tombstone: they get deleted_at, so that an older snapshot arriving late cannot bring
-- them back ("latest version wins": version = the Tracker project version the row was last changed at).
create table rm_project (
    id                       bigint primary key,
    integration_id           bigint,
    name                     text,
    description              text,
    version                  bigint      not null,
    account_id               bigint,
    iteration_length         integer,
    week_start_day           text,
    point_scale              text,
    public                   boolean,
    project_type             text,
    current_iteration_number integer,
    current_velocity         double precision,
    start_time               timestamptz,
    created_at               timestamptz,
    updated_at               timestamptz,
    deleted_at               timestamptz,
    event_time               timestamptz
);
create index rm_project_page on rm_project (updated_at, id);

create table rm_epic (
    id             bigint primary key,
    project_id     bigint      not null,
    integration_id bigint,
    name           text,
    description    text,
    label_id       bigint,
    label          text,
    url            text,
    version        bigint      not null,
    created_at     timestamptz,
    updated_at     timestamptz,
    deleted_at     timestamptz,
    event_time     timestamptz
);
create index rm_epic_page on rm_epic (updated_at, id);
create index rm_epic_label on rm_epic (label_id);

create table rm_story (
    id              bigint primary key,
    project_id      bigint      not null,
    integration_id  bigint,
    name            text,
    description     text,
    story_type      text,
    current_state   text,
    estimate        double precision,
    label_ids       bigint[]    not null default '{}',
    labels          text[]      not null default '{}',
    owner_ids       bigint[]    not null default '{}',
    requested_by_id bigint,
    url             text,
    -- Tracker's own external_id / integration_id of a story imported by an integration
    external_id     text,
    tracker_integration_id bigint,
    deadline        timestamptz,
    -- when it first went to started (from tracker.activity; snapshots do not carry it)
    started_at      timestamptz,
    accepted_at     timestamptz,
    created_at      timestamptz,
    updated_at      timestamptz,
    version         bigint      not null,
    deleted_at      timestamptz,
    event_time      timestamptz
);
create index rm_story_page on rm_story (updated_at, id);
create index rm_story_project on rm_story (project_id, updated_at, id);
create index rm_story_created on rm_story (created_at);

create table rm_notification (
    id                bigint primary key,
    integration_id    bigint,
    project_id        bigint,
    project_name      text,
    performer_id      bigint,
    performer_name    text,
    message           text,
    context           text,
    notification_type text,
    action            text,
    story_id          bigint,
    story_name        text,
    epic_id           bigint,
    epic_name         text,
    comment_id        bigint,
    read_at           timestamptz,
    created_at        timestamptz,
    updated_at        timestamptz,
    event_time        timestamptz
);
create index rm_notification_page on rm_notification (updated_at, id);

-- as_of of each dataset: the time (ce_time) of the newest event applied to it
create table rm_freshness (
    dataset text primary key,
    as_of   timestamptz not null
);

-- Bearer tokens for the read APIs: only the SHA-256 of the token is kept (the token is random, shown once)
create table api_token (
    id           bigserial primary key,
    role         text        not null check (role in ('reader')),
    label        text        not null,
    token_sha256 text        not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);
