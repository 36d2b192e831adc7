package dev.verity.verification;

import dev.verity.testing.HouseRulesTest;

/**
 * The house rules on verification-service's production classes: no package cycles, no other service, thin resources.
 */
class ArchitectureTest extends HouseRulesTest {

    ArchitectureTest() {
        super("dev.verity.verification");
    }
}
