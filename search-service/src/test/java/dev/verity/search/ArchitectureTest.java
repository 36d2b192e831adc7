package dev.verity.search;

import dev.verity.testing.HouseRulesTest;

/** The house rules on search-service's production classes: no package cycles, no other service, thin resources. */
class ArchitectureTest extends HouseRulesTest {

    ArchitectureTest() {
        super("dev.verity.search");
    }
}
