-- tracker-archive: Tracker projects imported from their CSV exports. Ids of projects, stories and epics are Tracker's
-- (the export's); people, comments and tasks have none in the export and get ids of the archive's own, stable across
-- re-imports (people by name within the archive; comments, tasks, blockers and reviews by their place in the story).
create table project (
    id          bigint      primary key,
    name        text        not null,
    version     bigint      not null default 1,
    imported_at timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index project_name on project (lower(name));
-- the ids assigned to projects whose original Tracker id the team did not give
create sequence project_id_seq start with 90000001;

create table person (
    id       bigint primary key,
    name     text   not null,
    initials text   not null,
    username text   not null
);
create unique index person_name on person (name);
create sequence person_id_seq start with 70000001;

create table membership (
    project_id bigint not null references project (id) on delete cascade,
    person_id  bigint not null references person (id),
    role       text   not null default 'member',
    primary key (project_id, person_id)
);

create table epic (
    id          bigint primary key,
    project_id  bigint not null references project (id) on delete cascade,
    name        text   not null,
    label       text,
    description text,
    url         text,
    created_at  timestamptz,
    updated_at  timestamptz not null default now()
);
create index epic_project on epic (project_id);

create table story (
    id              bigint primary key,
    project_id      bigint not null references project (id) on delete cascade,
    name            text   not null,
    story_type      text   not null,
    current_state   text   not null,
    estimate        real,
    story_priority  text,
    labels          text[] not null default '{}',
    iteration       integer,
    iteration_start date,
    iteration_end   date,
    created_at      timestamptz,
    accepted_at     timestamptz,
    deadline        timestamptz,
    requested_by_id bigint references person (id),
    owner_ids       bigint[] not null default '{}',
    description     text,
    url             text,
    pull_requests   text[] not null default '{}',
    branches        text[] not null default '{}',
    -- the project version at which this story last changed (its place in /projects/{id}/activity), and a hash of
    -- what the export said, so that importing the same export again changes nothing
    version         bigint not null,
    content_hash    text   not null,
    updated_at      timestamptz not null default now()
);
create index story_project on story (project_id, id);
create index story_version on story (project_id, version);

-- a story's comments, tasks, blockers and reviews, in the export's order (position from 0)
create table comment (
    story_id   bigint  not null references story (id) on delete cascade,
    position   integer not null,
    text       text    not null,
    person_id  bigint  references person (id),
    created_on date,
    primary key (story_id, position)
);
create table task (
    story_id    bigint  not null references story (id) on delete cascade,
    position    integer not null,
    description text    not null,
    complete    boolean not null,
    primary key (story_id, position)
);
create table blocker (
    story_id    bigint  not null references story (id) on delete cascade,
    position    integer not null,
    description text    not null,
    resolved    boolean not null,
    primary key (story_id, position)
);
create table review (
    story_id    bigint  not null references story (id) on delete cascade,
    position    integer not null,
    reviewer_id bigint  references person (id),
    review_type text,
    status      text,
    primary key (story_id, position)
);

-- the files of a story's attachment folder in the export's zip (the files themselves are not kept)
create table attachment (
    story_id  bigint  not null references story (id) on delete cascade,
    position  integer not null,
    file_name text    not null,
    size      bigint  not null,
    primary key (story_id, position)
);

-- each import: what was sent and what it read
create table import (
    id          bigserial   primary key,
    project_id  bigint      not null references project (id) on delete cascade,
    file_name   text        not null,
    report      jsonb       not null,
    imported_at timestamptz not null default now()
);

-- X-TrackerToken values for the v5 API, stored as SHA-256 hashes
create table token (
    id         bigserial   primary key,
    hash       text        not null unique,
    label      text,
    created_at timestamptz not null default now()
);
