package io.chatspace.accounts;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The WebSocket handshake ({@code GET /ws}) has a lean one of its own:
 * a bearer token (RFC 6750, header or {@code access_token} query parameter) or the
 * logged-in session cookie, and a JSON {@code 401} without either; nothing else runs (a
 * {@code GET} needs no CSRF token, the origin of a cookie-authenticated handshake is
 * checked by the gateway, and a {@code 101} response carries no page headers), since a
 * reconnect storm is thousands of handshakes at once (docs/performance.md). A handshake
 * that {@link HandshakeAuthentication} can vouch for from the same two sources is
 * upgraded before any filter chain by the gateway; this chain answers every other one.
 * Everything else has the full chain: form login with a session cookie and CSRF tokens
 * for browsers, bearer tokens for API clients, JSON {@code 401}/{@code 403} bodies on
 * {@code /api/**}, and a Content-Security-Policy that allows only the application's own
 * scripts.
 * <p>
 * No Spring Security observations: they wrap every filter of every request
 * ({@link SecurityObservationSettings#noObservations()}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Bean
	@Order(1)
	SecurityFilterChain webSocketFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/ws"))
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.disable())
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.disable())
			.logout(logout -> logout.disable())
			.sessionManagement(session -> session.disable())
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(ApiErrorResponses.unauthorized())
				.accessDeniedHandler(ApiErrorResponses.forbidden()))
			.addFilterBefore(new BearerTokenFilter(tokens), AuthorizationFilter.class);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, LoginThrottle throttle)
			throws Exception {
		RequestMatcher bearerRequest = ApiErrorResponses::hasBearerCredentials;
		RequestMatcher apiOrSocket = request -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return path.startsWith("/api/") || path.equals("/ws");
		};
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/login", "/register", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
					"/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/accounts", "/api/auth/token")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler(new ThrottledLoginFailureHandler(throttle)))
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(bearerRequest,
					request -> "POST".equals(request.getMethod()) && (request.getRequestURI().equals("/api/accounts")
							|| request.getRequestURI().equals("/api/auth/token")),
					// an API request without a logged-in session carries no ambient
					// credentials:
					// it gets 401 for want of any, not a 403 about CSRF
					request -> apiOrSocket.matches(request) && !loggedInSession(request)))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(ApiErrorResponses.unauthorized(), apiOrSocket)
				.defaultAccessDeniedHandlerFor(ApiErrorResponses.forbidden(), apiOrSocket))
			.addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt, with the algorithm id stored so it can be upgraded later; pre-hashed
		// beyond
		// bcrypt's 72 bytes, as passwords may be 128 characters
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new PrehashingBcrypt()));
	}

	@Bean
	UserDetailsService userDetailsService(Users users) {
		return username -> users.credentials(Accounts.key(username))
			.map(c -> User.withUsername(c.username())
				.password(c.passwordHash())
				.authorities(List.of(new SimpleGrantedAuthority("ROLE_USER")))
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	private static boolean loggedInSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null
				&& session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
	}

	static String clientAddress(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
