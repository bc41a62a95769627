-- service-kit dead letters: what an operator decided about a record on hub.deadletter (replayed or discarded, why).
-- The records themselves stay on the topic; this names them by partition and offset.
create table kit_deadletter (
    dead_letter text        primary key,   -- '{partition}-{offset}' on hub.deadletter
    grp         text        not null,
    state       text        not null check (state in ('replayed', 'discarded')),
    reason      text,
    at          timestamptz not null default now()
);
