package io.chatspace.accounts;

import java.security.Principal;
import java.util.List;

import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller method take the caller as an {@link Account} parameter: the account
 * of the authenticated request's principal (session cookie or bearer token). An
 * authenticated name without an account (deleted meanwhile) is {@code unauthorized}.
 */
@Configuration(proxyBeanMethods = false)
class CurrentAccountResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	private final Accounts accounts;

	CurrentAccountResolver(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Account.class;
	}

	@Override
	public Account resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			throw new ChatSpaceException(ErrorCode.UNAUTHORIZED, "authentication required");
		}
		return accounts.of(principal).orElseThrow(() -> new ChatSpaceException(ErrorCode.UNAUTHORIZED, "unknown user"));
	}

}
