-- service-kit outbox, 4: a queue table. Every delivery writes three row versions (queued, claimed, delivered) and the
-- dispatcher's claim walks kit_outbox_order, whose entries for rows no longer pending go only when the table is
-- vacuumed. PostgreSQL's default (vacuum after 20 % of the rows changed) let tens of thousands of dead entries build up
-- under a burst; vacuum and analyse after a few hundred changes instead.
alter table kit_outbox set (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 500,
    autovacuum_vacuum_insert_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_analyze_threshold = 500,
    autovacuum_vacuum_cost_delay = 0
);
