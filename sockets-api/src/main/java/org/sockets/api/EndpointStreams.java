package org.sockets.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Python's {@code makefile}: streams over an endpoint that leave it open when closed. */
final class EndpointStreams {

    private EndpointStreams() {
    }

    static final class In extends InputStream {
        private final Endpoint endpoint;
        private boolean eof;

        In(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (eof) {
                return -1;
            }
            int n = endpoint.recv(ByteBuffer.wrap(b, off, len));
            if (n == 0) {
                eof = true;
                return -1;
            }
            return n;
        }
    }

    static final class Out extends OutputStream {
        private final Endpoint endpoint;

        Out(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void write(int b) throws IOException {
            endpoint.sendAll(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            endpoint.sendAll(ByteBuffer.wrap(b, off, len));
        }
    }
}
