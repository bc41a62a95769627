-- Backfills moved to service-kit (kit_backfill, shared with the connector's link backfills): what channel_backfill
-- held is kept there as kind 'channel'.
insert into kit_backfill (kind, target_id, since, state, read, queued, error, started_at, finished_at)
select 'channel', channel_id, since, state, read, queued, error, started_at, finished_at from channel_backfill;
drop table channel_backfill;
