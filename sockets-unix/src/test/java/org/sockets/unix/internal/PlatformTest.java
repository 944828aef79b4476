package org.sockets.unix.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The platform gate: only the layouts we verified, a clear message for the rest. */
class PlatformTest {

    @Test
    void linuxX8664AndAarch64AreSupported() {
        assertEquals(Platform.Arch.X86_64, Platform.detect("Linux", "amd64"));
        assertEquals(Platform.Arch.AARCH64, Platform.detect("Linux", "aarch64"));
    }

    @Test
    void everythingElseIsRefusedWithAClearMessage() {
        assertNull(Platform.detect("Linux", "ppc64le"));
        assertNull(Platform.detect("Linux", "riscv64"));
        assertNull(Platform.detect("Linux", "x86"));
        assertNull(Platform.detect("Mac OS X", "aarch64"));
        assertNull(Platform.detect("FreeBSD", "amd64"));
        String m = Platform.unsupportedMessage("Linux", "riscv64");
        assertTrue(m.contains("unsupported platform Linux/riscv64") && m.contains("x86_64") && m.contains("aarch64"), m);
    }

    @Test
    void theLayoutsMatchThisMachine() {
        // The epoll_event layout is the one ABI difference between the two: packed on x86_64.
        Platform.Arch arch = Platform.arch();
        assertEquals(arch == Platform.Arch.X86_64 ? 12 : 16, Native.EPOLL_EVENT_SIZE);
        assertEquals(110, Native.SOCKADDR_UN_SIZE);
        assertEquals(24, MsgHdr.cmsgSpace(4));
        assertEquals(20, MsgHdr.cmsgLen(4));
    }

    @Test
    void theNativeAccessMessageNamesTheFlagForEachMode() {
        String named = Platform.nativeAccessMessage(Platform.class.getModule());
        assertTrue(named.contains(Platform.class.getModule().isNamed() ? "--enable-native-access=org.sockets.unix" : "ALL-UNNAMED"), named);
    }
}
