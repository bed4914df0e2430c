-- The audit log (profiles other than cassandra): joins, leaves, room creation and
-- membership changes, by room and time. Ids are 64-bit time-ordered ids of the recording
-- node; no foreign keys, so the log outlives what it describes.
create table audit_events (
    id       bigint primary key,
    room_id  bigint not null,
    room     varchar(80) not null,
    type     varchar(32) not null,
    username varchar(32),
    actor    varchar(32),
    node     varchar(255) not null,
    at       timestamp with time zone not null
);
create index audit_events_room on audit_events (room_id, id);
