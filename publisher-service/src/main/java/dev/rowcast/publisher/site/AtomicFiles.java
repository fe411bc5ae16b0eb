package dev.rowcast.publisher.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pages are written to a hidden temporary file in the target's own folder, flushed to disk, made readable by the
 * web server's user, and renamed over the target in one step: a reader sees the old page or the new one, never
 * half of either. Folders are created readable by all, for the same reason.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, FILE);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the site folder's file system cannot rename atomically: " + dir, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, DIR);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made meanwhile
        }
    }

    /** Removes the file if it is there; true if it was. */
    public static boolean delete(Path target) throws IOException {
        return Files.deleteIfExists(target);
    }
}
