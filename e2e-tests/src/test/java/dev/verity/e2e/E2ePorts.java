package dev.verity.e2e;

/**
 * Where the e2e instance listens: each default port plus an offset, 10000 unless {@code -Dverity.e2e.port-offset}
 * or {@code VERITY_E2E_PORT_OFFSET} says otherwise, so two checkouts can run their suites side by side.
 */
final class E2ePorts {

    private E2ePorts() {
    }

    static int offset() {
        String configured = System.getProperty("verity.e2e.port-offset", System.getenv("VERITY_E2E_PORT_OFFSET"));
        return configured == null || configured.isBlank() ? 10_000 : Integer.parseInt(configured.trim());
    }
}
