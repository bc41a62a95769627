-- People who track time. Passwords are bcrypt hashes; emails are stored lower-case.
create table app_user (
    id            bigserial primary key,
    email         text        not null unique,
    name          text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('admin', 'user')),
    -- TimeCamp's default: assigned to every "Pivotal Tracker" root as a regular user
    tracker_root  boolean     not null default true,
    created_at    timestamptz not null default now()
);

-- Personal API tokens: only a SHA-256 of the (random, 256-bit) token is kept.
create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references app_user (id) on delete cascade,
    name         text        not null,
    token_hash   text        not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);

-- Web page sessions: only a SHA-256 of the cookie value is kept.
create table web_session (
    id_hash    text primary key,
    user_id    bigint      not null references app_user (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index web_session_expiry on web_session (expires_at);

-- The imported structure: one root per integration, a task per Tracker project under it, a subtask per story.
create table task (
    id             bigserial primary key,
    kind           text        not null check (kind in ('root', 'project', 'story')),
    parent_id      bigint references task (id),
    integration_id bigint      not null,
    tracker_id     bigint,
    name           text        not null,
    story_type     text,
    current_state  text,
    estimate       double precision,
    url            text,
    -- the Tracker project version of the last change applied: older changes are skipped, later ones win
    version        bigint      not null default -1,
    archived_at    timestamptz,
    archived_reason text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index task_root_per_integration on task (integration_id) where kind = 'root';
create unique index task_tracker_item on task (kind, tracker_id) where kind <> 'root';
create index task_parent on task (parent_id);
create index task_name on task (lower(name));

-- Explicit assignments: a user may track on an assigned task and everything below it.
create table assignment (
    user_id    bigint      not null references app_user (id) on delete cascade,
    task_id    bigint      not null references task (id),
    created_at timestamptz not null default now(),
    primary key (user_id, task_id)
);

create table time_entry (
    id         bigserial primary key,
    user_id    bigint      not null references app_user (id),
    task_id    bigint      not null references task (id),
    start_at   timestamptz not null,
    end_at     timestamptz not null,
    note       text,
    billable   boolean     not null default true,
    source     text        not null check (source in ('timer', 'manual')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (end_at >= start_at)
);
create index time_entry_user_start on time_entry (user_id, start_at);
create index time_entry_start on time_entry (start_at);
create index time_entry_task on time_entry (task_id);

-- At most one running timer per user.
create table timer (
    user_id    bigint primary key references app_user (id) on delete cascade,
    task_id    bigint      not null references task (id),
    started_at timestamptz not null,
    note       text
);
create index timer_task on timer (task_id);
