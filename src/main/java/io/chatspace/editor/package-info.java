/**
 * The collaborative document of each room: server-authoritative operational
 * transformation on plain text in the ot.js operation format, the document store
 * (snapshot plus operation log) and the document sessions of the gateway.
 */
package io.chatspace.editor;
