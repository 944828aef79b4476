package org.sockets.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FdsTest {

    @Test
    void countsAnOpenFileAndNoticesALeak() throws IOException {
        Path f = Files.createTempFile("fds", ".tmp");
        try {
            int before = Fds.count();
            RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r");
            assertEquals(before + 1, Fds.count());
            assertThrows(AssertionError.class, () -> Fds.assertBackTo(before));
            raf.close();
            Fds.assertBackTo(before);
        } finally {
            Files.delete(f);
        }
    }
}
