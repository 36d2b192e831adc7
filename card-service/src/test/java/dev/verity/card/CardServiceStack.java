package dev.verity.card;

import dev.verity.testing.TestSlack;
import dev.verity.testing.VerityStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest in this module runs against the real local stack, on database verity_card_test, with the Slack
 * app on and Slack's Web API a local recording server ({@link TestSlack}).
 */
@QuarkusTestResource(value = VerityStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "verity_card_test"))
@QuarkusTestResource(TestSlack.class)
public class CardServiceStack {
}
