package io.chatspace.realtime;

import jakarta.servlet.DispatcherType;

import io.chatspace.accounts.HandshakeAuthentication;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Registers the gateway at {@code /ws} (an authenticated handshake is upgraded before the
 * rest of the web stack: with a bearer token in Jetty's core by {@link TokenHandshake},
 * with a session cookie by {@link DirectHandshake}), upgraded on Jetty
 * ({@link JettyUpgrade}) with the protocol's frame limit (a larger frame closes the
 * socket with 1009 in the container), and gives Jetty's connectors the accept queue of
 * {@code chatspace.realtime.accept-queue}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final ChatSocketHandler handler;

	private final RealtimeProperties properties;

	private final JettyUpgrade upgrade;

	private final OriginCheck origins;

	WebSocketConfiguration(ChatSocketHandler handler, RealtimeProperties properties) {
		this.handler = handler;
		this.properties = properties;
		this.upgrade = new JettyUpgrade(properties);
		this.origins = new OriginCheck(properties);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// the Origin rule depends on how the handshake is authenticated: OriginCheck
		registry.addHandler(handler, "/ws")
			.setHandshakeHandler(new DefaultHandshakeHandler(upgrade))
			.addInterceptors(origins)
			.setAllowedOriginPatterns("*");
	}

	/**
	 * An authenticated handshake is upgraded first thing ({@link DirectHandshake}); the
	 * registration above answers every other one.
	 */
	@Bean
	FilterRegistrationBean<DirectHandshake> directHandshake(HandshakeAuthentication authentication) {
		var registration = new FilterRegistrationBean<>(new DirectHandshake(authentication, origins, upgrade, handler));
		registration.addUrlPatterns("/ws");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * A handshake with a bearer token is upgraded before the servlet context
	 * ({@link TokenHandshake}) when it is valid; every other request goes on unchanged.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> tokenHandshake(HandshakeAuthentication authentication,
			Environment environment) {
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		return factory -> factory.addServerCustomizers(server -> {
			var mappings = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(server));
			server.setHandler(new TokenHandshake(server.getHandler(), contextPath, authentication, upgrade, mappings,
					DirectHandshake.decorated(handler)));
		});
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
