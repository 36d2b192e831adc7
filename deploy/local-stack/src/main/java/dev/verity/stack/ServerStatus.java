package dev.verity.stack;

/**
 * One server as seen right now.
 *
 * @param running     something speaking the right protocol answers at the endpoint
 * @param startedByUs this stack home holds a live pid file for it, so {@link LocalStack#stop()} would stop it
 * @param pid         the recorded pid, or -1 when the server is not ours
 */
public record ServerStatus(String name, boolean running, boolean startedByUs, long pid, String endpoint) {

    @Override
    public String toString() {
        String owner = startedByUs ? "started by this stack, pid " + pid : "not started by this stack";
        return String.format("%-13s %-8s %-22s %s", name, running ? "running" : "down", endpoint, owner);
    }
}
