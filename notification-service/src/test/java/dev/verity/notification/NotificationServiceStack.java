package dev.verity.notification;

import dev.verity.testing.VerityStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest in this module runs against the real local stack, on database verity_notification_test, and
 * sends email to a real SMTP server (GreenMail) inside the test JVM.
 */
@QuarkusTestResource(value = VerityStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "verity_notification_test"))
@QuarkusTestResource(GreenMailResource.class)
public class NotificationServiceStack {
}
