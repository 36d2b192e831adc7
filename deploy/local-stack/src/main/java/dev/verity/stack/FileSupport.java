package dev.verity.stack;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** File-tree helpers for installing and resetting server directories. */
final class FileSupport {

    private FileSupport() {
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Extracts a zip, dropping the first {@code stripComponents} path elements. Uses the zip file
     * system with POSIX attributes because java.util.zip ignores the Unix mode bits, and the
     * Elasticsearch scripts and native helpers must stay executable. No `unzip` binary needed.
     */
    static void unzip(Path zip, Path destination, int stripComponents) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        Files.createDirectories(dest);
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> walk = Files.walk(fs.getPath("/"))) {
            for (Path entry : walk.toList()) {
                if (entry.getNameCount() <= stripComponents) {
                    continue;
                }
                Path target = dest.resolve(entry.subpath(stripComponents, entry.getNameCount()).toString()).normalize();
                if (!target.startsWith(dest)) {
                    throw new IOException("zip entry escapes the destination: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entry, target);
                    Files.setPosixFilePermissions(target, permissions(entry));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(Path entry) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(entry);
            if (perms.contains(PosixFilePermission.OWNER_READ)) {
                return perms;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Entry without Unix attributes: fall through to a sensible default.
        }
        boolean executable = List.of(entry.toString().split("/")).contains("bin");
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    /** Copies files missing in {@code target}, leaving existing (possibly edited) ones alone. */
    static void copyMissing(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!Files.exists(t)) {
                    Files.copy(p, t);
                }
            }
        }
    }
}
