package org.sockets.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sockets.protocol.LocalPaths;
import org.sockets.protocol.TransferProgress;

/** Whole files between a local path and the server, with resume, and a folder download. */
final class FileTransfers {

    /** The chunk handed to the data connection per write. */
    static final int CHUNK = 64 * 1024;

    private FileTransfers() {
    }

    /** RETR into {@code local}: a new file, or (resume) appended from the local file's size on. */
    static long download(FtpClient ftp, String remote, Path local, boolean resume, TransferProgress progress) throws IOException {
        long offset = resume && Files.exists(local) ? Files.size(local) : 0;
        if (resume && offset > 0) {
            long size = ftp.size(remote);
            if (offset == size) {
                progress.progress(size, size);
                return 0;
            }
            if (offset > size) {
                throw new IllegalStateException("cannot resume " + remote + " into " + local + ": the local file has "
                        + offset + " bytes, the server's " + size);
            }
        }
        try (OutputStream out = offset > 0
                ? Files.newOutputStream(local, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : Files.newOutputStream(local);
             InputStream in = ftp.retrieve(remote, offset, progress)) {
            return in.transferTo(out);
        }
    }

    /** STOR from {@code local}: the whole file, or (resume) REST at the server's size and the rest of it. */
    static long upload(FtpClient ftp, Path local, String remote, boolean resume, TransferProgress progress) throws IOException {
        long length = Files.size(local);
        long offset = 0;
        if (resume) {
            try {
                offset = ftp.size(remote);
            } catch (FtpReplyException absent) {
                if (absent.replyCode() != 550) {
                    throw absent;
                }
            }
            if (offset > length) {
                throw new IllegalStateException("cannot resume " + local + " into " + remote + ": the server's file has "
                        + offset + " bytes, the local one " + length);
            }
            if (offset == length) {
                progress.progress(length, length);
                return 0;
            }
        }
        long sent = 0;
        try (InputStream in = Files.newInputStream(local)) {
            in.skipNBytes(offset);
            TransferProgress p = (done, total) -> progress.progress(done, length);
            try (OutputStream out = ftp.store(remote, offset, p)) {
                byte[] buf = new byte[CHUNK];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    sent += n;
                }
            }
        }
        return sent;
    }

    /**
     * NLST {@code remoteFolder}, every name confined under {@code folder} before anything is
     * written (a name leading out refuses the whole download), then each file RETR'd to its place.
     */
    static List<Path> downloadFolder(FtpClient ftp, String remoteFolder, Path folder, TransferProgress progress) throws IOException {
        Map<String, Path> targets = new LinkedHashMap<>();
        String prefix = remoteFolder.endsWith("/") ? remoteFolder : remoteFolder + "/";
        for (String name : ftp.names(remoteFolder)) {
            // Servers answer NLST dir with "dir/name" (vsftpd) or "name" (proftpd, pyftpdlib).
            String relative = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            if (relative.equals(".") || relative.equals("..")) {
                continue;
            }
            targets.put(prefix + relative, LocalPaths.confine(folder, relative));
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Path> e : targets.entrySet()) {
            Files.createDirectories(e.getValue().getParent());
            download(ftp, e.getKey(), e.getValue(), false, progress);
            written.add(e.getValue());
        }
        return written;
    }
}
