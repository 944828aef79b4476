/**
 * A provider module compiled by ProtocolsModulePathTest and run in a child JVM on the module
 * path, so the front door is shown to find a provider through {@code provides} (the core's own
 * tests run on the class path).
 */
module org.sockets.protocol.modtest {
    requires org.sockets.protocol;

    provides org.sockets.protocol.spi.ProtocolProvider with org.sockets.protocol.modtest.ModuleTestProvider;
}
