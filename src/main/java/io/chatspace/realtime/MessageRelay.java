package io.chatspace.realtime;

import io.chatspace.messaging.MessagePosted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes every durable message to its room's topic on the {@link Broker}, encoded
 * once. Runs synchronously on the message writer's thread, so events leave in id order.
 */
@Component
class MessageRelay {

	private final Broker broker;

	private final FrameCodec codec;

	MessageRelay(Broker broker, FrameCodec codec) {
		this.broker = broker;
		this.codec = codec;
	}

	@EventListener
	void on(MessagePosted posted) {
		var message = posted.message();
		broker.publish(RoomEvent.toRoom(message.room(), message.id(), codec.message(message)));
	}

}
