package org.sockets.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/**
 * Jazzer targets, one per format. {@code mvn test} replays the seeds in
 * {@code src/test/resources/org/sockets/ftp/ListingFuzzTestInputs/<target>/} (lines real servers
 * sent, one per file, UTF-8); to fuzz one target for under the 60 s test timeout:
 * {@code JAZZER_FUZZ=1 mvn -B -ntp -o -q -pl sockets-protocols/sockets-ftp -am verify
 * -Dtest=ListingFuzzTest#unix -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=50s}.
 *
 * <p>What must hold for every line: no exception; an entry's raw line is the line, its name is
 * not empty and ends the line (for LIST links, followed by {@code " -> "} and the target), its
 * size is not negative.
 */
@ExtendWith(NoDescriptorLeaks.class)
class ListingFuzzTest {

    /** A zone with daylight saving, so gaps and overlaps are reachable. */
    static final ListingOptions OPTIONS = ListingOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-06T18:10:00Z"), ZoneId.of("UTC")))
            .withServerZone(ZoneId.of("America/New_York"));

    private static void holds(ListingFormat format, boolean targetInName, FuzzedDataProvider data) {
        String line = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        Optional<FtpEntry> parsed = format.parse(line);
        if (parsed.isEmpty()) {
            return;
        }
        FtpEntry e = parsed.get();
        assertEquals(line, e.rawLine());
        assertFalse(e.name().isEmpty());
        String tail = targetInName && e.linkTarget().isPresent() ? e.name() + " -> " + e.linkTarget().get() : e.name();
        assertTrue(line.endsWith(tail), line);
        assertTrue(e.size().orElse(0) >= 0, line);
    }

    @FuzzTest
    void unix(FuzzedDataProvider data) {
        holds(ListingFormat.unix(OPTIONS), true, data);
    }

    @FuzzTest
    void windows(FuzzedDataProvider data) {
        holds(ListingFormat.windows(OPTIONS), true, data);
    }

    @FuzzTest
    void auto(FuzzedDataProvider data) {
        holds(ListingFormat.auto(OPTIONS), true, data);
    }

    @FuzzTest
    void mlsx(FuzzedDataProvider data) {
        holds(ListingFormat.mlsx(), false, data);
    }
}
