package org.sockets.ftp;

import java.util.Optional;

/** Unix or Windows, whichever reads the line. */
record AutoParser(ListingFormat unix, ListingFormat windows) implements ListingFormat {

    @Override
    public Optional<FtpEntry> parse(String line) {
        Optional<FtpEntry> entry = unix.parse(line);
        return entry.isPresent() ? entry : windows.parse(line);
    }

    @Override
    public String toString() {
        return "ListingFormat.auto";
    }
}
