package org.sockets.protocol.modtest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.sockets.protocol.Protocols;
import org.sockets.protocol.Retrieval;

/** Opens each URL given and prints one line per URL: {@code OK body} or {@code ERR type: message}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MODULE " + Protocols.class.getModule().getName());
        for (String a : args) {
            try (Retrieval r = Protocols.open(URI.create(a))) {
                System.out.println("OK " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                System.out.println("ERR " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
