/** CI's consumer as a named module: it requires the API only; the transports come as services. */
module demo {
    requires org.sockets.api;
}
