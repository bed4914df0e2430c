package io.chatspace.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.chatspace.support.ChatSpaceException;

import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login and registration pages. */
@Controller
class AccountPages {

	private final Accounts accounts;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountPages(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/register")
	String registerForm() {
		return "register";
	}

	/**
	 * Registers and logs the new user in at once (a new session id, as after any login).
	 */
	@PostMapping("/register")
	String register(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Account account;
		try {
			account = accounts.register(username, password);
		}
		catch (ChatSpaceException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("username", username);
			response.setStatus(ex.code().httpStatus());
			return "register";
		}
		var authentication = UsernamePasswordAuthenticationToken.authenticated(account.username(), null,
				List.of(new SimpleGrantedAuthority("ROLE_USER")));
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		contexts.saveContext(context, request, response);
		return "redirect:/";
	}

}
