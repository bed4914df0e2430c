-- The collaborative document of each room: a snapshot plus the operation log.
-- The primary key (room_id, rev) is the ordering point: two writers can never both store
-- the same revision of a document.

create table documents (
    room_id       bigint primary key references rooms (id),
    snapshot_rev  bigint not null,
    snapshot      text not null,
    updated_at    timestamp with time zone not null
);

create table document_operations (
    room_id    bigint not null references rooms (id),
    rev        bigint not null,
    operation  text not null,
    author_id  bigint not null references users (id),
    author     varchar(32) not null,
    client_ref varchar(64),
    created_at timestamp with time zone not null,
    primary key (room_id, rev)
);
