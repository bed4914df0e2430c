-- Each reader's position in a room: the highest message id they have seen. It only moves
-- forward. Unread = messages by others with a higher id.
create table read_markers (
    user_id      bigint not null references users (id),
    room_id      bigint not null references rooms (id),
    last_read_id bigint not null,
    updated_at   timestamp with time zone not null,
    primary key (user_id, room_id)
);
create index read_markers_room on read_markers (room_id);
