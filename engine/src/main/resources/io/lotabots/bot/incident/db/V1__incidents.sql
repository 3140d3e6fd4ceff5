-- LotaBots' PostgreSQL incident store (issue 16). Applied by Flyway with a schema history table of its own,
-- lotabots_incident_schema_history, so that it lives beside the database's own Flyway history.
--
-- One row per incident: the fields the store looks up as columns, the whole incident (timeline included) as the
-- same JSON document the file store writes.

-- Numbers come from a sequence: never reused, also after a rollback.
CREATE SEQUENCE lotabots_incident_number AS bigint MINVALUE 1 NO CYCLE;

CREATE TABLE lotabots_incident (
    number      bigint      PRIMARY KEY,
    status      text        NOT NULL CHECK (status IN ('TRIGGERED', 'ACKNOWLEDGED', 'MITIGATED', 'RESOLVED')),
    severity    text        NOT NULL,
    service     text        NOT NULL,
    environment text        NOT NULL,
    dedup_key   text        NOT NULL,
    opened_at   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    document    jsonb       NOT NULL
);

-- At most one open incident per dedup key, whichever process opens it.
CREATE UNIQUE INDEX lotabots_incident_open_dedup_key ON lotabots_incident (dedup_key) WHERE status <> 'RESOLVED';
-- Listing the open incidents reads only those.
CREATE INDEX lotabots_incident_open ON lotabots_incident (number) WHERE status <> 'RESOLVED';
CREATE INDEX lotabots_incident_service ON lotabots_incident (service, environment, number);
