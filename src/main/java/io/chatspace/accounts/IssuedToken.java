package io.chatspace.accounts;

import java.time.Instant;

/**
 * A bearer token just issued by {@link ApiTokens#issue(Account)}: the only time the token
 * itself exists outside the client (the server keeps its SHA-256 hash).
 *
 * @param token the opaque bearer token (43 characters of base64url)
 * @param expiresAt when it stops being accepted
 */
public record IssuedToken(String token, Instant expiresAt) {
}
