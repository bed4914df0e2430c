package io.chatspace.accounts;

/**
 * A registered user.
 *
 * @param id the database id
 * @param username the name as registered (3–32 of {@code [A-Za-z0-9_.-]}); unique
 * case-insensitively
 */
public record Account(long id, String username) {
}
