package io.chatspace.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatspace.messaging.Message;
import io.chatspace.messaging.MessagePosted;
import io.chatspace.messaging.MessagesCommitting;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes every durable message to its room's topic on the {@link Broker}, encoded
 * once, after announcing its id before the commit. Runs synchronously on the message
 * writer's thread, so events leave in id order.
 */
@Component
class MessageRelay {

	private final Broker broker;

	private final FrameCodec codec;

	MessageRelay(Broker broker, FrameCodec codec) {
		this.broker = broker;
		this.codec = codec;
	}

	/**
	 * Before a batch is committed: its ids, per room, to every node (with Redis; a node
	 * that dies after the commit cannot leave the others without its messages).
	 */
	@EventListener
	void on(MessagesCommitting committing) {
		Map<String, List<Long>> byRoom = new LinkedHashMap<>();
		for (Message message : committing.messages()) {
			byRoom.computeIfAbsent(message.room(), r -> new ArrayList<>()).add(message.id());
		}
		Map<String, long[]> ids = new LinkedHashMap<>();
		byRoom.forEach((room, list) -> ids.put(room, list.stream().mapToLong(Long::longValue).toArray()));
		broker.announce(ids);
	}

	@EventListener
	void on(MessagePosted posted) {
		var message = posted.message();
		broker.publish(RoomEvent.toRoom(message.room(), message.id(), codec.message(message)));
	}

}
