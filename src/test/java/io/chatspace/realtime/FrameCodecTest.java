package io.chatspace.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.chatspace.messaging.Message;
import io.chatspace.support.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

	private final FrameCodec codec = new FrameCodec();

	@Test
	void decodesEveryClientFrame() {
		assertThat(codec.decode("{\"type\":\"join\",\"room\":\"general\",\"ref\":\"r1\"}"))
			.isEqualTo(new ClientFrame.Join("r1", "general", null));
		assertThat(codec.decode("{\"type\":\"join\",\"room\":\"general\",\"after\":\"117536679538982912\"}"))
			.isEqualTo(new ClientFrame.Join(null, "general", 117536679538982912L));
		assertThat(codec.decode("{\"type\":\"leave\",\"room\":\"general\"}"))
			.isEqualTo(new ClientFrame.Leave(null, "general"));
		assertThat(codec.decode("{\"type\":\"send\",\"room\":\"general\",\"body\":\"hi\",\"nonce\":\"n\"}"))
			.isEqualTo(new ClientFrame.Send(null, "general", "hi", "n"));
		assertThat(codec.decode("{\"type\":\"history\",\"room\":\"general\",\"before\":\"42\",\"limit\":10}"))
			.isEqualTo(new ClientFrame.History(null, "general", 42, 10));
		assertThat(codec.decode("{\"type\":\"history\",\"room\":\"general\",\"before\":\"42\"}"))
			.isEqualTo(new ClientFrame.History(null, "general", 42, 50));
		assertThat(codec.decode("{\"type\":\"typing\",\"room\":\"general\"}"))
			.isEqualTo(new ClientFrame.Typing(null, "general"));
		assertThat(codec.decode("{\"type\":\"ping\",\"ref\":\"p\"}")).isEqualTo(new ClientFrame.Ping("p"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[1,2]", "\"join\"", "{}", "{\"type\":7}", "{\"type\":\"join\"}",
			"{\"type\":\"join\",\"room\":5}", "{\"type\":\"send\",\"room\":\"a\"}",
			"{\"type\":\"history\",\"room\":\"a\"}", "{\"type\":\"history\",\"room\":\"a\",\"before\":\"x\"}",
			"{\"type\":\"history\",\"room\":\"a\",\"before\":\"1\",\"limit\":201}",
			"{\"type\":\"history\",\"room\":\"a\",\"before\":\"1\",\"limit\":0}",
			"{\"type\":\"join\",\"room\":\"a\",\"after\":\"-3\"}", "{\"type\":\"ping\",\"ref\":5}" })
	void malformedFramesAreBadRequests(String text) {
		assertThatThrownBy(() -> codec.decode(text)).isInstanceOfSatisfying(FrameException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
	}

	@Test
	void overlongRefIsABadRequest() {
		String ref = "r".repeat(65);
		assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}"))
			.isInstanceOfSatisfying(FrameException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
	}

	@Test
	void unknownTypeKeepsTheRef() {
		assertThatThrownBy(() -> codec.decode("{\"type\":\"dance\",\"ref\":\"r9\"}"))
			.isInstanceOfSatisfying(FrameException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
				assertThat(ex.ref()).isEqualTo("r9");
			});
	}

	@Test
	void encodesMessageEventsWithStringIdsAndMillisecondTimestamps() {
		var message = new Message(117536679538982912L, "general", "alice", "hi <b>",
				Instant.parse("2026-11-21T10:00:00Z"));
		String json = new String(codec.message(message), StandardCharsets.UTF_8);
		assertThat(json)
			.isEqualTo("{\"type\":\"message\",\"room\":\"general\",\"message\":{\"id\":\"117536679538982912\","
					+ "\"room\":\"general\",\"author\":\"alice\",\"body\":\"hi <b>\",\"sentAt\":\"2026-11-21T10:00:00.000Z\"}}");
	}

	// two messages, one with characters JSON escapes and one of several UTF-8 bytes, and
	// their JSON as every frame that carries them must show it
	private static final Message FIRST = new Message(117536679538982912L, "general", "alice", "hi \"bob\"",
			Instant.parse("2026-11-21T10:00:00Z"));

	private static final Message SECOND = new Message(117536679538982913L, "general", "bob", "hé ✓",
			Instant.parse("2026-11-21T10:00:01Z"));

	private static final String BOTH_JSON = "[{\"id\":\"117536679538982912\",\"room\":\"general\",\"author\":\"alice\","
			+ "\"body\":\"hi \\\"bob\\\"\",\"sentAt\":\"2026-11-21T10:00:00.000Z\"},"
			+ "{\"id\":\"117536679538982913\",\"room\":\"general\",\"author\":\"bob\",\"body\":\"hé ✓\","
			+ "\"sentAt\":\"2026-11-21T10:00:01.000Z\"}]";

	@Test
	void aJoinedFrameCarriesEachMessageAsItsLiveEventDoes() {
		// the first went out live before (its JSON is kept), the second did not
		codec.message(FIRST);
		String expected = "{\"type\":\"joined\",\"ref\":\"j1\",\"room\":\"general\",\"messages\":" + BOTH_JSON
				+ ",\"more\":false,\"online\":[\"alice\"]}";
		// the second join finds both kept
		assertEncodedTwice(() -> codec.joined("j1", "general", List.of(FIRST, SECOND), false, List.of("alice")),
				expected);
	}

	@Test
	void aHistoryPageCarriesEachMessageAsItsLiveEventDoes() {
		// the second went out live before (its JSON is kept), the first did not
		codec.message(SECOND);
		String expected = "{\"type\":\"history\",\"ref\":\"h1\",\"room\":\"general\",\"messages\":" + BOTH_JSON
				+ ",\"more\":true}";
		// a page keeps nothing: the second is encoded as the first was
		assertEncodedTwice(() -> codec.history("h1", "general", List.of(FIRST, SECOND), true), expected);
	}

	/** Encodes a frame twice (the cache of message JSON in between) and checks both. */
	private static void assertEncodedTwice(Supplier<byte[]> frame, String expected) {
		for (int time = 0; time < 2; time++) {
			assertThat(new String(frame.get(), StandardCharsets.UTF_8)).isEqualTo(expected);
		}
	}

	@Test
	void messagesLargerThanTheEncodersBufferGoOutWholeInTheirLiveEventAndInAJoinedFrame() {
		// each message's JSON is copied as bytes; ~12 KB each is more than the JSON
		// generator's 8 KB buffer, so the copy takes the path for a value that does not
		// fit
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String body = ("é✓😀" + i).repeat(1500);
			messages.add(new Message(117536679538982912L + i, "general", "alice", body,
					Instant.parse("2026-11-21T10:00:00Z")));
		}
		var json = JsonMapper.builder().build();
		for (Message message : messages) {
			var live = json.readTree(codec.message(message));
			assertThat(live.get("message").get("body").asString()).isEqualTo(message.body());
		}
		var joined = json.readTree(codec.joined("j1", "general", messages, false, List.of()));
		assertThat(joined.get("messages")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(joined.get("messages").get(i).get("id").asString()).isEqualTo(messages.get(i).idString());
			assertThat(joined.get("messages").get(i).get("body").asString()).isEqualTo(messages.get(i).body());
		}
		assertThat(joined.get("more").asBoolean()).isFalse();
	}

	@Test
	void encodesRepliesWithTheirRef() {
		assertThat(new String(codec.pong("p1"), StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"pong\",\"ref\":\"p1\"}");
		assertThat(new String(codec.error(null, ErrorCode.NOT_JOINED, "join first"), StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"error\",\"code\":\"not_joined\",\"message\":\"join first\"}");
		assertThat(new String(codec.presence("general", List.of("bob"), List.of()), StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"presence\",\"room\":\"general\",\"joins\":[\"bob\"],\"leaves\":[]}");
	}

}
