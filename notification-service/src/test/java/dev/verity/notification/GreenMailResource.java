package dev.verity.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server inside the tests (GreenMail, on a free port): the service's mailer sends to it over SMTP as it
 * would to any server, and the tests read what arrived.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    static GreenMail smtp;

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
