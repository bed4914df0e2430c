package io.chatspace.realtime.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.chatspace.realtime.RoomEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A room event survives the trip through one Redis message, nullable fields included. */
class EventCodecTest {

	@Test
	void everyFieldRoundTrips() {
		RoomEvent event = new RoomEvent("doc:notes", 42, "bob", "p1-7", utf8("{\"type\":\"doc.op\",\"op\":[\"ü\"]}"),
				utf8("{\"type\":\"doc.ack\"}"), "council");
		RoomEvent decoded = EventCodec.decode("doc:notes", ByteBuffer.wrap(EventCodec.encode(event)));
		assertThat(decoded.room()).isEqualTo("doc:notes");
		assertThat(decoded.messageId()).isEqualTo(42);
		assertThat(decoded.exceptUser()).isEqualTo("bob");
		assertThat(decoded.originSocket()).isEqualTo("p1-7");
		assertThat(decoded.frame()).isEqualTo(event.frame());
		assertThat(decoded.originFrame()).isEqualTo(event.originFrame());
		assertThat(decoded.revokes()).isEqualTo("council");
	}

	@Test
	void absentFieldsStayAbsent() {
		RoomEvent event = RoomEvent.toRoom("general", 0, utf8("{\"type\":\"typing\"}"));
		RoomEvent decoded = EventCodec.decode("general", ByteBuffer.wrap(EventCodec.encode(event)));
		assertThat(decoded.exceptUser()).isNull();
		assertThat(decoded.originSocket()).isNull();
		assertThat(decoded.originFrame()).isNull();
		assertThat(decoded.revokes()).isNull();
		assertThat(new String(decoded.frame(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"typing\"}");
	}

	private static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
