package io.chatspace.rooms;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.accounts.Account;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates rooms, finds them by slug and decides who may read and write them: anyone
 * logged in for a public room, members only for private and direct rooms.
 * <p>
 * A room's row is never changed or deleted once committed (membership is kept apart), so
 * every room found is remembered (up to {@value #REMEMBERED} per node, least recently
 * used forgotten first): a join or an unread count does not read the room again. A room
 * not found is not remembered (another node may create it), nor one read inside a
 * transaction (which may yet roll back).
 */
@Service
public class Rooms {

	static final int REMEMBERED = 100_000;

	private final RoomRepository repository;

	private final Cache<String, Room> bySlug = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

	private final Cache<Long, Room> byId = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	Rooms(RoomRepository repository, Clock clock, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Creates a room; its creator becomes its owner and first member. Announced as
	 * {@link RoomCreated}.
	 * @param name 1–64 characters after trimming, no control characters
	 * @param kind {@link RoomKind#PUBLIC} or {@link RoomKind#PRIVATE}
	 * @param owner the creator
	 * @return the new room
	 * @throws ChatSpaceException {@code bad_request} for an invalid name or kind;
	 * {@code conflict} with detail {@code slug} (the existing room's) when a room with
	 * the same slug exists
	 */
	public Room create(String name, RoomKind kind, Account owner) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 64 || trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST,
					"room name must be 1-64 characters without control characters");
		}
		if (kind == RoomKind.DIRECT) {
			throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "kind must be public or private");
		}
		String slug = Slugs.slugOf(trimmed);
		Optional<Room> existing = repository.findBySlug(slug);
		if (existing.isPresent()) {
			throw taken(existing.get());
		}
		try {
			return transactions.execute(status -> {
				Room room = repository.insert(slug, trimmed, kind, owner.id(), clock.instant());
				repository.addMember(room.id(), owner.id(), clock.instant());
				events.publishEvent(new RoomCreated(room.id(), room.slug(), room.kind(), owner.id(), owner.username()));
				return room;
			});
		}
		catch (DuplicateKeyException ex) {
			// another request created it first: read it after the failed transaction (on
			// PostgreSQL a failed transaction answers no more queries)
			throw taken(repository.findBySlug(slug).orElseThrow());
		}
	}

	/**
	 * @param slug a room's slug
	 * @return the room, if it exists (whether or not anyone may read it)
	 */
	public Optional<Room> find(String slug) {
		if (slug == null || slug.isEmpty() || slug.length() > 80) {
			return Optional.empty();
		}
		Room known = bySlug.getIfPresent(slug);
		return known != null ? Optional.of(known) : remember(repository.findBySlug(slug));
	}

	/**
	 * @param id a room's database id
	 * @return the room, if it exists
	 */
	public Optional<Room> findById(long id) {
		Room known = byId.getIfPresent(id);
		return known != null ? Optional.of(known) : remember(repository.findById(id));
	}

	private Optional<Room> remember(Optional<Room> found) {
		if (found.isPresent() && !TransactionSynchronizationManager.isActualTransactionActive()) {
			bySlug.put(found.get().slug(), found.get());
			byId.put(found.get().id(), found.get());
		}
		return found;
	}

	/**
	 * @param slug a room's slug
	 * @param account the caller
	 * @return the room, when it exists and the caller may read and write it
	 * @throws ChatSpaceException {@code not_found} for an unknown room, {@code forbidden}
	 * when the caller is not a member of a private or direct room
	 */
	public Room requireAccessible(String slug, Account account) {
		Room room = find(slug).orElseThrow(() -> new ChatSpaceException(ErrorCode.NOT_FOUND, "no room '" + slug + "'"));
		if (!canAccess(room, account)) {
			throw new ChatSpaceException(ErrorCode.FORBIDDEN, "you are not a member of '" + slug + "'");
		}
		return room;
	}

	/**
	 * @param room a room
	 * @param account the caller
	 * @return whether the caller may join, read and write the room
	 */
	public boolean canAccess(Room room, Account account) {
		return room.kind() == RoomKind.PUBLIC || repository.isMember(room.id(), account.id());
	}

	/**
	 * @param account the caller
	 * @return the public rooms and the private and direct rooms the caller is a member
	 * of, by name (the stored name: a direct room's is the same for both members)
	 */
	public List<Room> visibleTo(Account account) {
		return repository.visibleTo(account.id());
	}

	private static ChatSpaceException taken(Room existing) {
		return new ChatSpaceException(ErrorCode.CONFLICT, "a room named '" + existing.name() + "' already exists",
				Map.of("slug", existing.slug()), null);
	}

}
