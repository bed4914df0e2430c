package io.chatspace.rooms;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Direct rooms: the one private conversation of two users. The pair is stored ordered, so
 * {@link #open} returns the same room whoever starts it and however often. Its slug is
 * {@code dm--} and 16 random hex digits: a double dash never occurs in the slug of a
 * named room, so the two can never collide.
 */
@Service
public class DirectRooms {

	/** The name stored for every direct room; clients show the other member's name. */
	static final String STORED_NAME = "Direct conversation";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RoomRepository repository;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DirectRooms(RoomRepository repository, Accounts accounts, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.repository = repository;
		this.accounts = accounts;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Finds or creates the direct room of two users; both are its members.
	 * @param me the caller
	 * @param other the other user
	 * @return the room
	 * @throws ChatSpaceException {@code bad_request} when both are the same user
	 */
	public Room open(Account me, Account other) {
		if (me.id() == other.id()) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "a direct conversation needs another user");
		}
		long low = Math.min(me.id(), other.id());
		long high = Math.max(me.id(), other.id());
		Optional<Room> existing = repository.findDirect(low, high);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			Room room = transactions.execute(status -> {
				Room created = repository.insert(newSlug(), STORED_NAME, RoomKind.DIRECT, null, clock.instant());
				repository.insertDirectPair(created.id(), low, high);
				repository.addMember(created.id(), low, clock.instant());
				repository.addMember(created.id(), high, clock.instant());
				return created;
			});
			// after the commit: the gateway may tell both users about their new room
			events.publishEvent(new MemberAdded(room.id(), room.slug(), me.id(), me.username()));
			events.publishEvent(new MemberAdded(room.id(), room.slug(), other.id(), other.username()));
			return room;
		}
		catch (DuplicateKeyException ex) {
			// the other user opened it at the same moment
			return repository.findDirect(low, high).orElseThrow(() -> ex);
		}
	}

	/**
	 * @param room a direct room
	 * @param me one of its members
	 * @return the other member's name, or empty when the room is not a direct room of
	 * {@code me}
	 */
	public Optional<String> partner(Room room, Account me) {
		if (room.kind() != RoomKind.DIRECT) {
			return Optional.empty();
		}
		return repository.directPartner(room.id(), me.id()).flatMap(accounts::findById).map(Account::username);
	}

	/**
	 * @param me a user
	 * @return for each of the user's direct rooms (by database id), the other member's
	 * name
	 */
	public Map<Long, String> partners(Account me) {
		return repository.directPartners(me.id());
	}

	private static String newSlug() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return "dm--" + HexFormat.of().formatHex(bytes);
	}

}
