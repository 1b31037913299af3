package io.jdeepaas.runtime.http;

import io.javalin.config.JavalinConfig;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.SecurityConfig;
import javax.net.ssl.X509ExtendedKeyManager;
import nl.altindag.ssl.SSLFactory;
import nl.altindag.ssl.pem.util.PemUtils;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How the server is reached: HTTPS from PEM files when {@code --tls-cert}/{@code --tls-key} are given
 * (the one connector then speaks TLS only), and the browser origins allowed by CORS
 * ({@code --cors-origin}; none by default, so pages elsewhere cannot call the API).
 */
final class Transport {

    private Transport() {
    }

    static void configure(JavalinConfig c, RuntimeConfig config) {
        SecurityConfig security = config.auth();
        if (security.tls()) {
            X509ExtendedKeyManager keys = PemUtils.loadIdentityMaterial(security.tlsCert(), security.tlsKey());
            SSLFactory ssl = SSLFactory.builder().withIdentityMaterial(keys).build();
            c.jetty.addConnector((server, http) -> {
                http.addCustomizer(new SecureRequestCustomizer(false));
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setSslContext(ssl.getSslContext());
                ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                        new HttpConnectionFactory(http));
                connector.setHost(config.listenIp());
                connector.setPort(config.listenPort());
                return connector;
            });
        }
        if (!security.corsOrigins().isEmpty()) {
            c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                security.corsOrigins().forEach(rule::allowHost);
                rule.exposeHeader("Retry-After");
                rule.exposeHeader("WWW-Authenticate");
                rule.exposeHeader("Content-Disposition");
            }));
        }
    }
}
