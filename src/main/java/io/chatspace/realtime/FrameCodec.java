package io.chatspace.realtime;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chatspace.editor.DocumentOperation;
import io.chatspace.editor.InvalidOperationException;
import io.chatspace.editor.OpenedDocument;
import io.chatspace.editor.TextOperation;
import io.chatspace.inbox.Conversation;
import io.chatspace.messaging.Message;
import io.chatspace.messaging.Messages;
import io.chatspace.support.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import org.springframework.stereotype.Component;

/**
 * Decodes client frames and encodes server frames of the ChatSpace protocol
 * ({@code docs/protocol.md}): one JSON object per WebSocket text frame (RFC 6455 §5.6),
 * with a {@code type}. Decoding checks every field the protocol fixes and fails with a
 * {@link FrameException} ({@code bad_request}, {@code unknown_type}) naming the problem.
 */
@Component
class FrameCodec {

	static final int MAX_REF = 64;

	/**
	 * The most characters of message JSON kept for {@link #messageJson} (each also kept
	 * as its UTF-8 bytes, so about twice that many bytes).
	 */
	private static final long ENCODED_MESSAGES_CHARS = 4 << 20;

	private final JsonMapper json = JsonMapper.builder()
		.changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	// a message never changes once stored: the JSON of the recent ones by id, written
	// once when the message goes out live; Jackson's SerializedString encodes it to UTF-8
	// once, and a raw value of it is copied as those bytes into every frame that carries
	// it
	private final Cache<Long, RawValue> encodedMessages = Caffeine.newBuilder()
		.maximumWeight(ENCODED_MESSAGES_CHARS)
		.weigher((Long id, RawValue raw) -> ((SerializedString) raw.rawValue()).charLength())
		.build();

	/**
	 * @param text the frame's text
	 * @return the decoded frame
	 * @throws FrameException when the frame is not a valid client frame
	 */
	ClientFrame decode(String text) {
		Map<?, ?> map;
		try {
			Object value = json.readValue(text, Object.class);
			if (!(value instanceof Map<?, ?> object)) {
				throw new FrameException(ErrorCode.BAD_REQUEST, "a frame must be a JSON object", null);
			}
			map = object;
		}
		catch (JacksonException ex) {
			throw new FrameException(ErrorCode.BAD_REQUEST, "a frame must be a JSON object", null);
		}
		Object refValue = map.get("ref");
		if (refValue != null && (!(refValue instanceof String r) || r.length() > MAX_REF)) {
			throw new FrameException(ErrorCode.BAD_REQUEST, "ref must be a string of at most 64 characters", null);
		}
		String ref = (String) refValue;
		Object type = map.get("type");
		if (!(type instanceof String t)) {
			throw new FrameException(ErrorCode.BAD_REQUEST, "type is required", ref);
		}
		return switch (t) {
			case "join" -> new ClientFrame.Join(ref, room(map, ref), optionalId(map, "after", ref));
			case "leave" -> new ClientFrame.Leave(ref, room(map, ref));
			case "send" -> new ClientFrame.Send(ref, room(map, ref), requiredString(map, "body", ref),
					optionalString(map, "nonce", ref));
			case "history" ->
				new ClientFrame.History(ref, room(map, ref), requiredId(map, "before", ref), limit(map, ref));
			case "typing" -> new ClientFrame.Typing(ref, room(map, ref));
			case "ping" -> new ClientFrame.Ping(ref);
			case "read" -> new ClientFrame.Read(ref, room(map, ref), requiredId(map, "id", ref));
			case "presence.watch" -> new ClientFrame.PresenceWatch(ref);
			case "doc.open" -> new ClientFrame.DocOpen(ref, room(map, ref), optionalId(map, "rev", ref));
			case "doc.op" ->
				new ClientFrame.DocOp(ref, room(map, ref), requiredId(map, "rev", ref), operation(map, ref));
			case "doc.cursor" -> new ClientFrame.DocCursor(ref, room(map, ref), requiredId(map, "rev", ref),
					position(map, "anchor", ref), position(map, "head", ref));
			default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + shorten(t) + "'", ref);
		};
	}

	private static String room(Map<?, ?> map, String ref) {
		return requiredString(map, "room", ref);
	}

	private static String requiredString(Map<?, ?> map, String field, String ref) {
		Object value = map.get(field);
		if (!(value instanceof String s)) {
			throw new FrameException(ErrorCode.BAD_REQUEST, field + " must be a string", ref);
		}
		return s;
	}

	private static String optionalString(Map<?, ?> map, String field, String ref) {
		return map.get(field) == null ? null : requiredString(map, field, ref);
	}

	private static Long optionalId(Map<?, ?> map, String field, String ref) {
		return map.get(field) == null ? null : requiredId(map, field, ref);
	}

	private static long requiredId(Map<?, ?> map, String field, String ref) {
		Object value = map.get(field);
		if (value instanceof String s) {
			try {
				long id = Long.parseLong(s);
				if (id >= 0) {
					return id;
				}
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		else if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
			return ((Number) value).longValue();
		}
		throw new FrameException(ErrorCode.BAD_REQUEST, field + " must be a message id (a decimal string)", ref);
	}

	private static TextOperation operation(Map<?, ?> map, String ref) {
		try {
			return TextOperation.fromWire(map.get("op"));
		}
		catch (InvalidOperationException ex) {
			throw new FrameException(ErrorCode.BAD_REQUEST, "op: " + ex.getMessage(), ref);
		}
	}

	private static int position(Map<?, ?> map, String field, String ref) {
		if (map.get(field) instanceof Integer i && i >= 0) {
			return i;
		}
		throw new FrameException(ErrorCode.BAD_REQUEST, field + " must be a non-negative integer", ref);
	}

	private static int limit(Map<?, ?> map, String ref) {
		Object value = map.get("limit");
		if (value == null) {
			return 50;
		}
		if (value instanceof Integer i && i >= 1 && i <= Messages.MAX_PAGE) {
			return i;
		}
		throw new FrameException(ErrorCode.BAD_REQUEST, "limit must be an integer 1-" + Messages.MAX_PAGE, ref);
	}

	private static String shorten(String s) {
		return s.length() > 32 ? s.substring(0, 32) + "…" : s;
	}

	byte[] message(Message message) {
		return encode(new MessageEvent("message", message.room(), messageJson(message)));
	}

	byte[] joined(String ref, String room, List<Message> messages, boolean more, Collection<String> online) {
		Map<String, Object> frame = frame("joined", ref);
		frame.put("room", room);
		frame.put("messages", messages.stream().map(this::messageJson).toList());
		frame.put("more", more);
		frame.put("online", online);
		return encode(frame);
	}

	byte[] left(String ref, String room) {
		Map<String, Object> frame = frame("left", ref);
		frame.put("room", room);
		return encode(frame);
	}

	byte[] ack(String ref, String room, Message message) {
		Map<String, Object> frame = frame("ack", ref);
		frame.put("room", room);
		frame.put("id", message.idString());
		return encode(frame);
	}

	byte[] history(String ref, String room, List<Message> messages, boolean more) {
		Map<String, Object> frame = frame("history", ref);
		frame.put("room", room);
		// the recent ones as encoded when they went out live; older pages are encoded
		// here, and not kept (scrolling back must not push the recent ones out)
		frame.put("messages", messages.stream().map(this::encodedOrMessage).toList());
		frame.put("more", more);
		return encode(frame);
	}

	byte[] typing(String room, String user) {
		Map<String, Object> frame = frame("typing", null);
		frame.put("room", room);
		frame.put("user", user);
		return encode(frame);
	}

	byte[] presence(String room, List<String> joins, List<String> leaves) {
		Map<String, Object> frame = frame("presence", null);
		frame.put("room", room);
		frame.put("joins", joins);
		frame.put("leaves", leaves);
		return encode(frame);
	}

	/**
	 * @return the server-wide form of {@code presence}: no {@code room}
	 */
	byte[] userPresence(List<String> joins, List<String> leaves) {
		Map<String, Object> frame = frame("presence", null);
		frame.put("joins", joins);
		frame.put("leaves", leaves);
		return encode(frame);
	}

	byte[] presenceSnapshot(String ref, Collection<String> online) {
		Map<String, Object> frame = frame("presence.snapshot", ref);
		frame.put("online", online);
		return encode(frame);
	}

	/**
	 * @return {@code unread}: a room of the user's list with its unread count
	 */
	byte[] unread(Conversation conversation) {
		Map<String, Object> frame = frame("unread", null);
		frame.put("room", conversation.slug());
		frame.put("name", conversation.name());
		frame.put("kind", conversation.kind());
		if (conversation.with() != null) {
			frame.put("with", conversation.with());
		}
		frame.put("unread", conversation.unread());
		if (conversation.lastId() != null) {
			frame.put("lastId", conversation.lastId());
		}
		return encode(frame);
	}

	/**
	 * @return {@code left} without a {@code ref}: the server ended the user's
	 * subscription to the room, for {@code reason}
	 */
	byte[] removed(String room) {
		Map<String, Object> frame = frame("left", null);
		frame.put("room", room);
		frame.put("reason", "removed");
		return encode(frame);
	}

	byte[] documentSnapshot(String ref, String room, OpenedDocument document) {
		Map<String, Object> frame = frame("doc.snapshot", ref);
		frame.put("room", room);
		frame.put("rev", document.rev());
		frame.put("text", document.text());
		if (!document.missed().isEmpty()) {
			frame.put("ops", document.missed().stream().map(FrameCodec::operationView).toList());
		}
		return encode(frame);
	}

	byte[] documentAck(String ref, String room, long rev) {
		Map<String, Object> frame = frame("doc.ack", ref);
		frame.put("room", room);
		frame.put("rev", rev);
		return encode(frame);
	}

	byte[] documentOperation(String room, DocumentOperation operation) {
		Map<String, Object> frame = frame("doc.op", null);
		frame.put("room", room);
		frame.putAll(operationView(operation));
		return encode(frame);
	}

	byte[] documentCursor(String room, String user, long rev, int anchor, int head) {
		Map<String, Object> frame = frame("doc.cursor", null);
		frame.put("room", room);
		frame.put("user", user);
		frame.put("rev", rev);
		frame.put("anchor", anchor);
		frame.put("head", head);
		return encode(frame);
	}

	private static Map<String, Object> operationView(DocumentOperation operation) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("rev", operation.rev());
		view.put("op", operation.operation().toWire());
		view.put("user", operation.author());
		if (operation.clientRef() != null) {
			view.put("opRef", operation.clientRef());
		}
		return view;
	}

	byte[] pong(String ref) {
		return encode(frame("pong", ref));
	}

	byte[] error(String ref, ErrorCode code, String message) {
		Map<String, Object> frame = frame("error", ref);
		frame.put("code", code.code());
		frame.put("message", message);
		return encode(frame);
	}

	private static Map<String, Object> frame(String type, String ref) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", type);
		if (ref != null) {
			frame.put("ref", ref);
		}
		return frame;
	}

	private byte[] encode(Object frame) {
		return json.writeValueAsBytes(frame);
	}

	/**
	 * @return the message's JSON if it is kept ({@link #messageJson}), else the message
	 */
	private Object encodedOrMessage(Message message) {
		RawValue encoded = encodedMessages.getIfPresent(message.id());
		return encoded != null ? encoded : message;
	}

	/**
	 * A message's JSON object, as {@link Message} serializes, encoded once: cached by id.
	 */
	private RawValue messageJson(Message message) {
		return encodedMessages.get(message.id(),
				id -> new RawValue(new SerializedString(json.writeValueAsString(message))));
	}

	/**
	 * A {@code message} event.
	 *
	 * @param type {@code message}
	 * @param room the room's slug
	 * @param message the message's JSON ({@link #messageJson})
	 */
	record MessageEvent(String type, String room, RawValue message) {
	}

}
