package org.sockets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sockets.testkit.NoDescriptorLeaks;

/** Deadline arithmetic: saturation past the clock's range, passed deadlines, combination, messages. */
@ExtendWith(NoDescriptorLeaks.class)
class DeadlineTest {

    @Test
    void durationsPastTheClocksRangeMeanNoLimit() {
        assertSame(Deadline.none(), Deadline.after(ChronoUnit.FOREVER.getDuration()));
        assertSame(Deadline.none(), Deadline.after(Duration.ofSeconds(Long.MAX_VALUE)));
        assertSame(Deadline.none(), Deadline.after(Duration.ofDays(365L * 300)));
        assertEquals(Long.MAX_VALUE, Deadline.after(ChronoUnit.FOREVER.getDuration()).remainingNanos());
    }

    @Test
    void aLongButRepresentableDurationIsBoundedAndDoesNotOverflow() {
        Deadline d = Deadline.after(Duration.ofDays(365L * 100));
        assertTrue(d.isBounded());
        assertFalse(d.hasPassed());
        assertTrue(d.remainingNanos() > Duration.ofDays(365L * 99).toNanos());
    }

    @Test
    void zeroAndNegativeHaveAlreadyPassed() {
        assertTrue(Deadline.after(Duration.ZERO).hasPassed());
        assertTrue(Deadline.after(Duration.ofSeconds(-5)).hasPassed());
        assertEquals(0, Deadline.after(Duration.ofSeconds(-5)).remainingNanos());
        assertEquals(Optional.of(Duration.ZERO), Deadline.after(Duration.ofMillis(-1)).remaining());
    }

    @Test
    void noneNeverPasses() {
        assertFalse(Deadline.none().isBounded());
        assertFalse(Deadline.none().hasPassed());
        assertEquals(Optional.empty(), Deadline.none().remaining());
        assertSame(Deadline.none(), Deadline.of(Optional.empty()));
        assertTrue(Deadline.of(Optional.of(Duration.ofSeconds(1))).isBounded());
    }

    @Test
    void earlierPicksTheOneThatPassesFirst() {
        Deadline soon = Deadline.after(Duration.ofMillis(10));
        Deadline late = Deadline.after(Duration.ofHours(1));
        assertSame(soon, soon.earlier(late));
        assertSame(soon, late.earlier(soon));
        assertSame(late, late.earlier(Deadline.none()));
        assertSame(late, Deadline.none().earlier(late));
    }

    @Test
    void messagesNameTheBudgetInAReadableUnit() {
        assertEquals("recv on x timed out after 1 ns", Deadline.after(Duration.ofNanos(1)).timedOut("recv on x").getMessage());
        assertEquals("2 s", Deadline.describe(Duration.ofSeconds(2)));
        assertEquals("1.5 s", Deadline.describe(Duration.ofMillis(1500)));
        assertEquals("1.025 s", Deadline.describe(Duration.ofMillis(1025)));
        assertEquals("250 ms", Deadline.describe(Duration.ofMillis(250)));
        assertEquals("3 µs", Deadline.describe(Duration.ofNanos(3_400)));
        assertEquals("no limit", Deadline.none().budgetText());
    }

    @Test
    void nullIsRefusedByName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Deadline.after(null));
        assertEquals("duration", e.getMessage());
    }
}
