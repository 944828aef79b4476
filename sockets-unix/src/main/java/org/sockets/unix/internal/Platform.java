package org.sockets.unix.internal;

import java.util.Locale;

/**
 * The checks made before the first native call: the platform must be one whose structure layouts
 * and constants were verified, and this module must have been granted native access.
 *
 * <p>Both fail loudly: reading a {@code msghdr} or an {@code epoll_event} with another ABI's
 * layout would not crash, it would misread silently; and a JDK that only warns about native access
 * today will deny it in a later release, so we ask for the grant now, with the exact flag.
 */
public final class Platform {

    private Platform() {
    }

    /** The platforms whose layouts were checked against their C headers. */
    public enum Arch {
        /** Linux x86_64: {@code struct epoll_event} is packed (12 bytes). */
        X86_64,
        /** Linux aarch64: {@code struct epoll_event} is naturally aligned (16 bytes). */
        AARCH64
    }

    private static final Arch ARCH = detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    /**
     * The verified platform for an OS and architecture name, or a clear error.
     *
     * @param osName the {@code os.name} property
     * @param osArch the {@code os.arch} property
     * @return the architecture, or {@code null} if unsupported (see {@link #unsupportedMessage})
     */
    static Arch detect(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> Arch.X86_64;
            case "aarch64", "arm64" -> Arch.AARCH64;
            default -> null;
        };
    }

    /**
     * The message for an unsupported platform.
     *
     * @param osName the {@code os.name} property
     * @param osArch the {@code os.arch} property
     * @return the message
     */
    static String unsupportedMessage(String osName, String osArch) {
        return "sockets-unix: unsupported platform " + osName + "/" + osArch
                + ": its native structure layouts (sockaddr_un, msghdr, cmsghdr, epoll_event, ucred) were verified only"
                + " on Linux x86_64 and Linux aarch64, and guessing them could silently misread data";
    }

    /**
     * The verified architecture of this JVM.
     *
     * @return the architecture
     * @throws UnsupportedOperationException on any other platform
     */
    public static Arch arch() {
        if (ARCH == null) {
            throw new UnsupportedOperationException(unsupportedMessage(System.getProperty("os.name"), System.getProperty("os.arch")));
        }
        return ARCH;
    }

    /**
     * Checks that this module may call native code.
     *
     * @throws IllegalCallerException naming the flag to add, if it may not
     */
    public static void checkNativeAccess() {
        Module m = Platform.class.getModule();
        if (!m.isNativeAccessEnabled()) {
            throw new IllegalCallerException(nativeAccessMessage(m));
        }
    }

    static String nativeAccessMessage(Module m) {
        String grant = m.isNamed() ? "--enable-native-access=" + m.getName() : "--enable-native-access=ALL-UNNAMED";
        return "sockets-unix calls the C library through the Foreign Function & Memory API and needs native access: start java with "
                + grant + (m.isNamed() ? " (module path)" : " (class path)")
                + ", or add 'Enable-Native-Access: ALL-UNNAMED' to the manifest of an executable jar";
    }
}
