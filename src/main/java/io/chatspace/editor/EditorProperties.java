package io.chatspace.editor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the collaborative document, {@code chatspace.editor.*}.
 *
 * @param maxDocument the largest document, in bytes as sent (UTF-8 in a JSON string:
 * {@code "}, {@code \} and control characters take their escapes' bytes); an operation
 * beyond it gets {@code too_large}
 * @param snapshotEvery operations between two rewrites of the stored snapshot
 */
@ConfigurationProperties("chatspace.editor")
record EditorProperties(@DefaultValue("256KB") DataSize maxDocument, @DefaultValue("100") int snapshotEvery) {
}
