package dev.verity.notification.directory;

import java.util.List;

/**
 * Who a verifier id stands for: the members of a group known to the directory (with the group's name, to say why
 * they are told), or the id itself.
 */
public record Members(List<String> userIds, String groupName) {
}
