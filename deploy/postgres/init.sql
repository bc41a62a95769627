-- Run once by the postgres:16 image on an empty data directory (/docker-entrypoint-initdb.d), in database
-- POSTGRES_DB (trackerhub) as POSTGRES_USER. Each service owns one schema and migrates it itself with Flyway
-- (quarkus.flyway.schemas); this only makes sure the schemas exist. On a shared server, give each service its own
-- role instead (docs/deploy.md shows how) and point its QUARKUS_DATASOURCE_USERNAME/_PASSWORD at it.
CREATE SCHEMA IF NOT EXISTS poller;
CREATE SCHEMA IF NOT EXISTS connector;
CREATE SCHEMA IF NOT EXISTS timesheet;
CREATE SCHEMA IF NOT EXISTS notification;
CREATE SCHEMA IF NOT EXISTS archive;
