package io.chatspace.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only stand-in for the login page's CSRF field while a branch has no login template:
 * {@code GET /login} with the header {@code X-Csrf-Probe} is answered (after Spring
 * Security's filters) with the session's CSRF token as plain text. {@link BrowserSession}
 * uses it only when the real login page has no {@code _csrf} field. Import it into a test
 * class with {@code @Import(CsrfProbe.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CsrfProbe {

	static final String HEADER = "X-Csrf-Probe";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> csrfProbeFilter() {
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !("GET".equals(request.getMethod()) && "/login".equals(request.getServletPath())
						&& request.getHeader(HEADER) != null);
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
				response.setContentType("text/plain");
				response.getWriter().write(token == null ? "" : token.getToken());
			}

		});
		// after Spring Security's filter chain (order -100), which puts the token on the request
		registration.setOrder(0);
		registration.addUrlPatterns("/login");
		return registration;
	}

}
