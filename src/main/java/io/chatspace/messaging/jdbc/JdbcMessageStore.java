package io.chatspace.messaging.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessageIds;
import io.chatspace.messaging.MessageStore;
import io.chatspace.messaging.MessagingProperties;
import io.chatspace.rooms.Room;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MessageStore} on any JDBC database of the schema in {@code db/migration} (H2,
 * PostgreSQL). A batch is one transaction: nonce look-ups, one JDBC batch insert of the
 * messages (each with its nonce), one of the {@code message_nonces} rows, one commit. A
 * node that is the log's only writer ({@code chatspace.messaging.local-nonces}) looks the
 * window's nonces up in memory instead ({@link LocalNonces}) and writes no
 * {@code message_nonces} rows. Not used with the {@code cassandra} profile, where
 * messages live in Cassandra.
 */
@Repository
@Profile("!cassandra")
class JdbcMessageStore implements MessageStore {

	private static final String COLUMNS = "id, author, body, sent_at";

	private static final String NONCE_LOOKUP = "select m.id, m.author, m.body, m.sent_at, r.slug, n.author_id, n.nonce "
			+ "from message_nonces n join messages m on m.id = n.message_id join rooms r on r.id = m.room_id "
			+ "where n.nonce in (:nonces) and n.author_id in (:authors) and n.created_at >= :since";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	// null: the nonces are in the message_nonces table (several nodes write the log)
	private final LocalNonces localNonces;

	@Autowired
	JdbcMessageStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions,
			MessagingProperties properties) {
		this(jdbc, template, transactions,
				properties.localNonces() ? new LocalNonces(properties.localNonceCapacity()) : null);
	}

	/**
	 * @param localNonces where this node, the log's only writer, looks nonces up; or
	 * {@code null}: in the {@code message_nonces} table (several nodes write the log)
	 */
	JdbcMessageStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions,
			LocalNonces localNonces) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = transactions;
		this.localNonces = localNonces;
	}

	@Override
	public List<Appended> appendAll(List<Draft> drafts, Instant nonceSince) {
		List<Appended> results = transactions.execute(status -> append(drafts, nonceSince));
		if (localNonces != null) {
			// committed: from now on these nonces mean these messages
			for (int i = 0; i < drafts.size(); i++) {
				Draft draft = drafts.get(i);
				if (draft.nonce() != null && !results.get(i).duplicate()) {
					localNonces.stored(nonceKey(draft.authorId(), draft.nonce()), draft.message().id());
				}
			}
		}
		return results;
	}

	private List<Appended> append(List<Draft> drafts, Instant nonceSince) {
		List<Appended> results = new ArrayList<>(drafts.size());
		List<Draft> fresh = new ArrayList<>(drafts.size());
		List<Draft> nonces = new ArrayList<>();
		// one look-up for every nonce of the batch, not one per message
		Map<String, Message> batchNonces = localNonces != null ? findLocally(drafts, nonceSince)
				: findByNonces(drafts, nonceSince);
		for (Draft draft : drafts) {
			if (draft.nonce() == null) {
				results.add(new Appended(draft.message(), false));
				fresh.add(draft);
				continue;
			}
			String key = nonceKey(draft.authorId(), draft.nonce());
			Message earlier = batchNonces.get(key);
			if (earlier != null) {
				results.add(new Appended(earlier, true));
				continue;
			}
			batchNonces.put(key, draft.message());
			results.add(new Appended(draft.message(), false));
			fresh.add(draft);
			nonces.add(draft);
		}
		if (!fresh.isEmpty()) {
			template.batchUpdate(
					"insert into messages (id, room_id, author_id, author, body, sent_at, nonce) values (?, ?, ?, ?, ?, ?, ?)",
					fresh, fresh.size(), (ps, d) -> {
						ps.setLong(1, d.message().id());
						ps.setLong(2, d.roomId());
						ps.setLong(3, d.authorId());
						ps.setString(4, d.message().author());
						ps.setString(5, d.message().body());
						ps.setTimestamp(6, Timestamp.from(d.message().sentAt()));
						ps.setString(7, d.nonce());
					});
		}
		if (!nonces.isEmpty() && localNonces == null) {
			// an expired row for the same nonce is replaced
			template.batchUpdate("delete from message_nonces where author_id = ? and nonce = ?", nonces, nonces.size(),
					(ps, d) -> {
						ps.setLong(1, d.authorId());
						ps.setString(2, d.nonce());
					});
			template.batchUpdate(
					"insert into message_nonces (author_id, nonce, message_id, created_at) values (?, ?, ?, ?)", nonces,
					nonces.size(), (ps, d) -> {
						ps.setLong(1, d.authorId());
						ps.setString(2, d.nonce());
						ps.setLong(3, d.message().id());
						ps.setTimestamp(4, Timestamp.from(d.message().sentAt()));
					});
		}
		return results;
	}

	/**
	 * @return the messages stored earlier (since {@code since}) under the drafts' nonces,
	 * keyed by {@link #nonceKey}; the nonce is the author's in any room, so the earlier
	 * message may be in another room
	 */
	private Map<String, Message> findByNonces(List<Draft> drafts, Instant since) {
		List<String> nonces = drafts.stream().map(Draft::nonce).filter(Objects::nonNull).distinct().toList();
		Map<String, Message> found = new HashMap<>();
		if (nonces.isEmpty()) {
			return found;
		}
		List<Long> authors = drafts.stream().filter(d -> d.nonce() != null).map(Draft::authorId).distinct().toList();
		jdbc.sql(NONCE_LOOKUP)
			.param("nonces", nonces)
			.param("authors", authors)
			.param("since", Timestamp.from(since))
			.query((rs, n) -> found.put(nonceKey(rs.getLong(6), rs.getString(7)), message(rs, rs.getString(5))))
			.list();
		return found;
	}

	/**
	 * {@link #findByNonces} from this node's memory: the ids of the window's nonces, then
	 * the messages of those that the drafts repeat (rare: a retried send), by id, each
	 * kept only if its author and nonce are the draft's ({@link LocalNonces} holds
	 * hashes).
	 */
	private Map<String, Message> findLocally(List<Draft> drafts, Instant since) {
		Map<String, Message> found = new HashMap<>();
		localNonces.loadOnce(since, this::noncesFrom);
		long firstId = MessageIds.firstIdAt(since);
		Map<Long, String> keysById = new HashMap<>();
		for (Draft draft : drafts) {
			if (draft.nonce() != null) {
				String key = nonceKey(draft.authorId(), draft.nonce());
				Long id = localNonces.find(key, firstId);
				if (id != null) {
					keysById.put(id, key);
				}
			}
		}
		if (keysById.isEmpty()) {
			return found;
		}
		jdbc.sql("select m.id, m.author, m.body, m.sent_at, r.slug, m.author_id, m.nonce from messages m "
				+ "join rooms r on r.id = m.room_id where m.id in (:ids)")
			.param("ids", List.copyOf(keysById.keySet()))
			.query((ResultSet rs) -> {
				String key = keysById.get(rs.getLong(1));
				// the index holds hashes: the message found must really carry this key
				if (key.equals(nonceKey(rs.getLong(6), rs.getString(7)))) {
					found.put(key, message(rs, rs.getString(5)));
				}
			});
		return found;
	}

	/**
	 * The nonces of the messages with an id at or above {@code firstId}, in id order
	 * ({@link LocalNonces.Store}).
	 */
	private void noncesFrom(long firstId, ObjLongConsumer<String> nonce) {
		jdbc.sql("select author_id, nonce, id from messages where id >= ? and nonce is not null order by id")
			.param(firstId)
			.query((ResultSet rs) -> nonce.accept(nonceKey(rs.getLong(1), rs.getString(2)), rs.getLong(3)));
	}

	private static String nonceKey(long authorId, String nonce) {
		return authorId + "\u0000" + nonce;
	}

	@Override
	public List<Message> before(Room room, long beforeId, int limit) {
		// "room_id desc, id desc" (room_id is fixed) walks the (room_id, id) index
		// backwards: H2 reads only the rows it returns; with "id desc" alone it reads and
		// sorts the whole room (explain analyze: scanCount = the room's size)
		List<Message> newestFirst = jdbc
			.sql("select " + COLUMNS
					+ " from messages where room_id = ? and id < ? order by room_id desc, id desc limit ?")
			.params(room.id(), beforeId, limit)
			.query((rs, n) -> message(rs, room.slug()))
			.list();
		List<Message> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	@Override
	public List<Message> after(Room room, long afterId, int limit) {
		return jdbc.sql("select " + COLUMNS + " from messages where room_id = ? and id > ? order by id asc limit ?")
			.params(room.id(), afterId, limit)
			.query((rs, n) -> message(rs, room.slug()))
			.list();
	}

	@Override
	public int countBetween(Room room, long afterId, long upToId, long readerId, int cap) {
		if (cap <= 0 || upToId <= afterId) {
			return 0;
		}
		// no "order by": which rows make up the capped count does not matter, and without
		// it H2 stops reading at the cap instead of reading the whole rest of the room
		return jdbc
			.sql("select count(*) from (select 1 from messages where room_id = ? and id > ? and id <= ? "
					+ "and author_id <> ? limit ?) unread")
			.params(room.id(), afterId, upToId, readerId, cap)
			.query(Integer.class)
			.single();
	}

	@Override
	public void forgetNoncesBefore(Instant cutoff) {
		if (localNonces != null) {
			localNonces.forgetBefore(cutoff);
			return;
		}
		jdbc.sql("delete from message_nonces where created_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static Message message(ResultSet rs, String room) throws SQLException {
		return new Message(rs.getLong(1), room, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
	}

}
