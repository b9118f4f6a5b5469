package io.tillsync.base;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ownership of the embedded database's folder by one running Tillsync. An operating-system file
 * lock, so it ends with its process however that process ends (SIGKILL included): a second start on
 * the same folder is refused while the first is alive, and is free to clean up once it is dead.
 */
final class FolderLock {

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static FolderLock take(Path folder) throws IOException {
        Path ownerFile = folder.resolve("tillsync.owner");
        FileChannel channel = FileChannel.open(folder.resolve("tillsync.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String owner = Files.exists(ownerFile) ? Files.readString(ownerFile, StandardCharsets.UTF_8).strip() : "unknown";
            throw new StartRefused("Another Tillsync (process " + owner + ") is running on the data folder " + folder + ".",
                    "Stop that one first, or give this one a folder of its own with TILLSYNC_DATA_DIR "
                            + "(and a port with PORT).");
        }
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        return new FolderLock(channel, lock);
    }

    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // the lock ends with the process anyway
        }
    }
}
