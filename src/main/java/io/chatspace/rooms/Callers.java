package io.chatspace.rooms;

import java.security.Principal;

import io.chatspace.accounts.Account;
import io.chatspace.accounts.Accounts;
import io.chatspace.support.ChatSpaceException;
import io.chatspace.support.ErrorCode;

/** The account of an authenticated API request. */
final class Callers {

	private Callers() {
	}

	static Account caller(Accounts accounts, Principal principal) {
		return accounts.findByUsername(principal.getName())
			.orElseThrow(() -> new ChatSpaceException(ErrorCode.UNAUTHORIZED, "unknown user"));
	}

}
