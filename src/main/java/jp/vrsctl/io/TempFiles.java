package jp.vrsctl.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that may hold personal data: created owner-only (0600) where the file system has POSIX modes. */
final class TempFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private TempFiles() {
    }

    static boolean posix(Path dirOrFile) {
        Path p = dirOrFile.toAbsolutePath();
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static Path createPrivate(String prefix, String suffix) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(prefix, suffix, ownerOnly());
        }
        return Files.createTempFile(prefix, suffix);
    }

    /** Creates a new file (failing if it exists), mode 0600 where supported. */
    static Path createNewPrivate(Path file) throws IOException {
        if (posix(file)) {
            return Files.createFile(file, ownerOnly());
        }
        return Files.createFile(file);
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
