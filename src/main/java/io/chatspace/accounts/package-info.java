/**
 * Accounts: registration, password login (form and session cookie), API tokens, login
 * throttling and the Spring Security configuration shared by the pages, the HTTP API and
 * the WebSocket handshake.
 */
package io.chatspace.accounts;
