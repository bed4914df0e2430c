package io.chatspace.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of server-wide presence, {@code chatspace.presence.*}.
 *
 * @param offlineGrace how long a user whose last socket closed still counts as online (a
 * reload or a move to another page reconnects within it, and nobody is told)
 * @param flushInterval how often changes are announced; the changes of one interval go
 * out as one event
 */
@ConfigurationProperties("chatspace.presence")
record PresenceProperties(@DefaultValue("5s") Duration offlineGrace, @DefaultValue("1s") Duration flushInterval) {
}
