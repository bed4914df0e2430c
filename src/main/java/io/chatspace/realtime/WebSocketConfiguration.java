package io.chatspace.realtime;

import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Registers the gateway at {@code /ws}, upgraded on Jetty ({@link JettyUpgrade}) with the
 * protocol's frame limit (a larger frame closes the socket with 1009 in the container),
 * and gives Jetty's connectors the accept queue of
 * {@code chatspace.realtime.accept-queue}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final ChatSocketHandler handler;

	private final RealtimeProperties properties;

	WebSocketConfiguration(ChatSocketHandler handler, RealtimeProperties properties) {
		this.handler = handler;
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// the Origin rule depends on how the handshake is authenticated: OriginCheck
		registry.addHandler(handler, "/ws")
			.setHandshakeHandler(new DefaultHandshakeHandler(new JettyUpgrade(properties)))
			.addInterceptors(new OriginCheck(properties))
			.setAllowedOriginPatterns("*");
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue() {
		return factory -> factory.addServerCustomizers(server -> {
			for (var connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(properties.acceptQueue());
				}
			}
		});
	}

}
