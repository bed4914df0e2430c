-- Direct rooms: the one private conversation of two users. The pair is stored ordered
-- (user_low < user_high), so the unique key makes it one room whoever starts it.
create table direct_rooms (
    room_id   bigint primary key references rooms (id),
    user_low  bigint not null references users (id),
    user_high bigint not null references users (id),
    constraint direct_rooms_pair unique (user_low, user_high),
    constraint direct_rooms_ordered check (user_low < user_high)
);
create index direct_rooms_high on direct_rooms (user_high);

-- "the rooms of a user" (room lists, unread counts)
create index room_members_user on room_members (user_id);
