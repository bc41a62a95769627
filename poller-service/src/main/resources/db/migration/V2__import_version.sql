-- The project version the first import of a project read first. An import cut short (the replica died) starts over,
-- but its cursor still starts here, so that the next cycle publishes the activity made in between.
alter table project add column import_version bigint;
