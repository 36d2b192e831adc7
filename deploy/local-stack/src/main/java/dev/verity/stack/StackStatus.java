package dev.verity.stack;

import java.util.List;

public record StackStatus(ServerStatus postgres, ServerStatus kafka, ServerStatus elasticsearch) {

    public List<ServerStatus> all() {
        return List.of(postgres, kafka, elasticsearch);
    }

    public boolean allRunning() {
        return all().stream().allMatch(ServerStatus::running);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        all().forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
    }
}
