package dev.verity.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises start/stop across JVMs (parallel test forks, a developer's run command) via a file
 * lock, and across threads of one JVM via an in-process lock, because a JVM may hold only one
 * FileLock per file and a second attempt throws instead of waiting.
 */
final class StackLock implements AutoCloseable {

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StackLock acquire(Path home) {
        IN_PROCESS.lock();
        if (IN_PROCESS.getHoldCount() > 1) {
            return new StackLock(null, null); // re-entered on this thread; the outer call holds the file lock
        }
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(home.resolve("stack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock fileLock = channel.tryLock();
                if (fileLock == null) {
                    System.out.println("[stack] waiting for another process holding " + home.resolve("stack.lock"));
                    fileLock = channel.lock();
                }
                return new StackLock(channel, fileLock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            IN_PROCESS.unlock();
            throw new UncheckedIOException("cannot lock " + home.resolve("stack.lock"), e);
        } catch (RuntimeException e) {
            IN_PROCESS.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
