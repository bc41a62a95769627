-- What the Tracker API v5 over the archive needs beyond V1: ids for labels and memberships, the project's activity
-- feed, and the person the archive's tokens act as.

-- The person every X-TrackerToken of the archive is (GET /me); people from exports start at 70000001.
insert into person (id, name, initials, username) values (70000000, 'Tracker archive', 'TA', 'trackerarchive')
    on conflict do nothing;

-- A project's labels, named by its stories and epics; ids are given once per project and name (any case).
create sequence label_id_seq start with 50000001;
create table label (
    id         bigint      primary key default nextval('label_id_seq'),
    project_id bigint      not null references project (id) on delete cascade,
    name       text        not null,
    created_at timestamptz not null default now()
);
create unique index label_name on label (project_id, lower(name));
insert into label (project_id, name)
    select distinct project_id, l from story, unnest(labels) l
    union select project_id, label from epic where label is not null
    on conflict do nothing;

alter table membership add column id bigserial not null unique;

-- The activity feed: one row per project version, appended by each import for every story or epic it added, changed,
-- moved in or moved out; rendered from the resource as it is now. Versions are contiguous per project, as Tracker's.
create table activity (
    project_id    bigint      not null references project (id) on delete cascade,
    version       bigint      not null,
    kind          text        not null,
    resource_kind text        not null,
    resource_id   bigint      not null,
    occurred_at   timestamptz not null,
    primary key (project_id, version)
);
-- imports before this migration kept only each story's last version: those are the feed of older archives
insert into activity (project_id, version, kind, resource_kind, resource_id, occurred_at)
    select project_id, version, 'story_create_activity', 'story', id, updated_at from story;
