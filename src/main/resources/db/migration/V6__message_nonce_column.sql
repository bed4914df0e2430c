-- The client nonce a message was sent with, if any, kept in its row. A node that is the
-- log's only writer looks nonces up in memory and rebuilds that index from this column at
-- start (no B-tree keyed by the random nonce to rewrite on every commit); several nodes
-- share the message_nonces table as before (see messaging.jdbc.JdbcMessageStore).
alter table messages add column nonce varchar(64);
-- the nonces still in their window, so that a node that restarts into this version still
-- knows them
update messages set nonce = (select n.nonce from message_nonces n where n.message_id = messages.id)
where id in (select message_id from message_nonces);
