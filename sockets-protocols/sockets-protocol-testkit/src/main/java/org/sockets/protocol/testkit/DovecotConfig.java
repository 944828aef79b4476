package org.sockets.protocol.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The dovecot fixture's configuration file and its OAuth 2 token-info endpoint. */
final class DovecotConfig {

    private DovecotConfig() {
    }

    static String config(Path dir, Map<String, Integer> ports, DovecotCertificates certs, int[] mail) {
        return """
                base_dir = %1$s/run
                state_dir = %1$s/state
                instance_name = dovecot-%2$s
                protocols = pop3 imap
                listen = 127.0.0.1
                log_path = /dev/stderr
                info_log_path = /dev/stderr
                default_internal_user = dovecot
                default_login_user = dovenull
                first_valid_uid = %3$d
                last_valid_uid = %3$d
                first_valid_gid = %4$d
                mail_location = maildir:~/Maildir
                pop3_lock_session = yes
                disable_plaintext_auth = no
                auth_failure_delay = 0
                auth_verbose = yes
                auth_mechanisms = plain login cram-md5 digest-md5 scram-sha-1 scram-sha-256 xoauth2 oauthbearer apop external
                ssl = yes
                ssl_cert = <%5$s
                ssl_key = <%6$s
                ssl_ca = <%7$s
                ssl_verify_client_cert = yes
                ssl_require_crl = no
                auth_ssl_username_from_cert = yes
                ssl_cert_username_field = commonName
                passdb {
                  driver = oauth2
                  mechanisms = xoauth2 oauthbearer
                  args = %1$s/oauth2.conf
                }
                # EXTERNAL: the user name comes from a client certificate dovecot verified; no password.
                passdb {
                  driver = static
                  mechanisms = external
                  args = nopassword=y
                }
                passdb {
                  driver = passwd-file
                  mechanisms = plain login cram-md5 digest-md5 scram-sha-1 scram-sha-256 apop
                  args = %1$s/passwd
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %8$d
                  }
                  inet_listener pop3s {
                    port = %9$d
                    ssl = yes
                  }
                  unix_listener pop3-unix {
                    mode = 0666
                  }
                }
                service imap-login {
                  inet_listener imap {
                    port = %10$d
                  }
                  inet_listener imaps {
                    port = %11$d
                    ssl = yes
                  }
                  unix_listener imap-unix {
                    mode = 0666
                  }
                }
                """.formatted(dir, dir.getFileName(), mail[0], mail[1], certs.serverChainPem(), certs.serverKeyPem(),
                certs.caPem(), ports.get("pop3"), ports.get("pop3s"), ports.get("imap"), ports.get("imaps"));
    }

    static HttpServer tokenEndpoint(Map<String, String> tokens) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/tokeninfo", ex -> answer(ex, tokens));
        http.start();
        return http;
    }

    private static void answer(HttpExchange ex, Map<String, String> tokens) throws IOException {
        String query = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("");
        String token = "";
        for (String kv : query.split("&")) {
            if (kv.startsWith("access_token=")) {
                token = URLDecoder.decode(kv.substring("access_token=".length()), StandardCharsets.UTF_8);
            }
        }
        String user = tokens.get(token);
        byte[] body = (user == null ? "{\"error\":\"invalid_token\"}" : "{\"username\":\"" + user + "\",\"active\":\"true\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        // No keep-alive: a connection dovecot kept open would count as a leaked descriptor here.
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(user == null ? 401 : 200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
        ex.close();
    }
}
