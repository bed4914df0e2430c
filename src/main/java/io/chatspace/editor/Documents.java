package io.chatspace.editor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.accounts.Account;
import io.chatspace.rooms.Room;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The server side of server-authoritative operational transformation (the Jupiter model,
 * Nichols et al. 1995, as in ot.js): each room's document is ordered by one point, its
 * revision in the database. An operation sent against revision r is transformed against
 * every operation stored since r ({@code transform(incoming, applied)}), applied, and
 * stored as revision {@code rev + 1}; a unique (document, revision) key makes two writers
 * for one revision impossible, and the loser reloads, transforms again and retries.
 * <p>
 * The current text and the recent operations of open documents are kept in memory; the
 * stored snapshot is rewritten every {@code chatspace.editor.snapshot-every} operations
 * so loading never replays a document's whole life. Each stored operation is announced as
 * a {@link DocumentChanged} event, synchronously and in revision order.
 */
@Service
public class Documents {

	/** Recent operations kept in memory per document for catching up clients. */
	static final int RECENT = 1000;

	private final DocumentRepository repository;

	private final EditorProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Cache<Long, State> open = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(30))
		.maximumSize(1_000)
		.build();

	Documents(DocumentRepository repository, EditorProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * @param room the room whose document to open
	 * @return the document's current revision and text (empty at revision 0 if never
	 * edited)
	 */
	public DocumentSnapshot snapshot(Room room) {
		State state = state(room);
		synchronized (state) {
			return new DocumentSnapshot(state.rev, state.text);
		}
	}

	/**
	 * Opens a document for a client, consistently: no operation falls between the text
	 * and the missed operations.
	 * @param room the room
	 * @param since the revision the client already has, or {@literal null} for a fresh
	 * open
	 * @return the document
	 * @throws ChatSpaceException {@code bad_request} for a revision the document never
	 * had
	 */
	public OpenedDocument open(Room room, Long since) {
		State state = state(room);
		synchronized (state) {
			// another node may have stored operations this node has not seen
			catchUp(room, state);
			if (since == null) {
				return new OpenedDocument(state.rev, state.text, List.of());
			}
			if (since < 0 || since > state.rev) {
				throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "the document has no revision " + since);
			}
			return new OpenedDocument(state.rev, state.text, since(room, state, since));
		}
	}

	/**
	 * @param room the room
	 * @param rev a revision the caller has
	 * @return every stored operation after {@code rev}, in order, also those other nodes
	 * stored
	 * @throws ChatSpaceException {@code bad_request} for a revision the document never
	 * had
	 */
	public List<DocumentOperation> operationsSince(Room room, long rev) {
		State state = state(room);
		synchronized (state) {
			catchUp(room, state);
			if (rev < 0 || rev > state.rev) {
				throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "the document has no revision " + rev);
			}
			return since(room, state, rev);
		}
	}

	/**
	 * Applies an author's operation sent against revision {@code rev}.
	 * @param room the room
	 * @param author the author
	 * @param rev the revision the operation was made against
	 * @param operation the operation, against that revision's text
	 * @param clientRef the author's id for the operation; a resend of an operation
	 * already stored (same author and ref after {@code rev}) is not applied again, may be
	 * {@literal null}
	 * @param origin passed on in the {@link DocumentChanged} event, may be
	 * {@literal null}
	 * @return the stored operation (transformed) and the revision it produced
	 * @throws ChatSpaceException {@code bad_request} for an unknown revision or an
	 * operation that does not fit the document (base length, surrogate pairs);
	 * {@code too_large} when the result would exceed
	 * {@code chatspace.editor.max-document} as sent ({@link #sentLength})
	 */
	public Applied apply(Room room, Account author, long rev, TextOperation operation, String clientRef,
			String origin) {
		State state = state(room);
		synchronized (state) {
			if (rev > state.rev) {
				// the client saw a revision another node stored: this node's copy is
				// behind
				catchUp(room, state);
			}
			while (true) {
				if (rev < 0 || rev > state.rev) {
					throw new ChatSpaceException(ErrorCode.BAD_REQUEST, "the document has no revision " + rev);
				}
				List<DocumentOperation> concurrent = since(room, state, rev);
				if (clientRef != null) {
					for (DocumentOperation done : concurrent) {
						if (clientRef.equals(done.clientRef()) && author.username().equals(done.author())) {
							return new Applied(done, true);
						}
					}
				}
				TextOperation transformed = operation;
				String text;
				try {
					for (DocumentOperation done : concurrent) {
						transformed = TextOperation.transform(transformed, done.operation())[0];
					}
					text = transformed.apply(state.text);
				}
				catch (InvalidOperationException ex) {
					throw new ChatSpaceException(ErrorCode.BAD_REQUEST, ex.getMessage());
				}
				if (text.length() > state.text.length() && sentLength(text) > properties.maxDocument().toBytes()) {
					throw new ChatSpaceException(ErrorCode.TOO_LARGE,
							"a document is at most " + properties.maxDocument().toKilobytes()
									+ " KiB as sent (a control character counts as its escape, up to 6 bytes)");
				}
				DocumentOperation stored = new DocumentOperation(state.rev + 1, transformed, author.username(),
						clientRef);
				events.publishEvent(new DocumentCommitting(room.slug(), stored.rev()));
				try {
					repository.append(room.id(), stored, author.id(), clock.instant());
				}
				catch (DuplicateKeyException ex) {
					// another node stored this revision first: catch up and transform
					// again
					catchUp(room, state);
					continue;
				}
				state.advance(stored, text);
				if (stored.rev() % properties.snapshotEvery() == 0) {
					repository.saveSnapshot(room.id(), new DocumentSnapshot(stored.rev(), text), clock.instant());
				}
				// still under the document's lock: listeners see revisions in order
				events.publishEvent(new DocumentChanged(room.slug(), stored, origin));
				return new Applied(stored, false);
			}
		}
	}

	private List<DocumentOperation> since(Room room, State state, long rev) {
		if (rev == state.rev) {
			return List.of();
		}
		if (!state.recent.isEmpty() && state.recent.peekFirst().rev() <= rev + 1) {
			List<DocumentOperation> result = new ArrayList<>((int) (state.rev - rev));
			for (DocumentOperation op : state.recent) {
				if (op.rev() > rev) {
					result.add(op);
				}
			}
			return result;
		}
		return repository.operationsAfter(room.id(), rev);
	}

	private State state(Room room) {
		return open.get(room.id(), id -> {
			State state = new State();
			reload(room, state);
			return state;
		});
	}

	/**
	 * Applies the operations stored after the cached revision (by other nodes) to the
	 * cached text.
	 */
	private void catchUp(Room room, State state) {
		String text = state.text;
		for (DocumentOperation op : repository.operationsAfter(room.id(), state.rev)) {
			if (op.rev() != state.rev + 1) {
				reload(room, state);
				return;
			}
			text = op.operation().apply(text);
			state.advance(op, text);
		}
	}

	private void reload(Room room, State state) {
		DocumentSnapshot snapshot = repository.snapshot(room.id()).orElse(new DocumentSnapshot(0, ""));
		String text = snapshot.text();
		long rev = snapshot.rev();
		state.recent.clear();
		for (DocumentOperation op : repository.operationsAfter(room.id(), snapshot.rev())) {
			text = op.operation().apply(text);
			rev = op.rev();
			state.remember(op);
		}
		state.text = text;
		state.rev = rev;
	}

	/**
	 * The size of a document's text as a client receives it: UTF-8, inside a JSON string
	 * (RFC 8259 §7), where {@code "} and {@code \} and the controls below U+0020 are
	 * escaped as Jackson writes them: {@code \b \t \n \f \r} in two bytes, the other
	 * controls as {@code \}{@code u00XX} in six. Capping this, not the bare UTF-8, keeps
	 * a document of control characters from growing its {@code doc.snapshot} frame six
	 * times past the cap (and past a socket's outbound buffer, which would cut every
	 * socket that opens it).
	 * @param s the text
	 * @return its size in bytes as sent
	 */
	static long sentLength(String s) {
		long bytes = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x20) {
				bytes += (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') ? 2 : 6;
			}
			else if (c == '"' || c == '\\') {
				bytes += 2;
			}
			else if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * The outcome of {@link #apply}.
	 *
	 * @param operation the stored operation, transformed to apply at {@code rev - 1}
	 * @param duplicate whether it was stored before (a resend) and nothing changed now
	 */
	public record Applied(DocumentOperation operation, boolean duplicate) {

		/**
		 * @return the revision the operation produced
		 */
		public long rev() {
			return operation.rev();
		}

	}

	private static final class State {

		long rev;

		String text = "";

		final Deque<DocumentOperation> recent = new ArrayDeque<>();

		void advance(DocumentOperation op, String newText) {
			rev = op.rev();
			text = Objects.requireNonNull(newText);
			remember(op);
		}

		void remember(DocumentOperation op) {
			recent.addLast(op);
			if (recent.size() > RECENT) {
				recent.removeFirst();
			}
		}

	}

}
