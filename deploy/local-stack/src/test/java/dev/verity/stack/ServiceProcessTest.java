package dev.verity.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path dir;
    Path jar;

    /** A runnable jar holding just {@link FakeQuarkusService}, launched exactly like quarkus-run.jar. */
    @BeforeEach
    void buildJar() throws IOException {
        jar = dir.resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusService.class.getName());
        String entry = FakeQuarkusService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream clazz = FakeQuarkusService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            clazz.transferTo(out);
            out.closeEntry();
        }
    }

    @Test
    void startsAwaitsAndStops() throws IOException {
        int port = freePort();
        ServiceProcess service = ServiceProcess.start("fake", jar, port, Map.of("quarkus.http.port", Integer.toString(port)),
                Map.of(), dir.resolve("logs/fake.log"), List.of("-Xmx64m"));
        try {
            Duration ready = service.awaitReady(Duration.ofSeconds(30));
            assertTrue(ready.toMillis() >= 300, "counted from start(): " + ready);
            assertEquals("http://127.0.0.1:" + port, service.baseUrl());
            assertEquals(port, service.port());
            assertEquals("fake", service.name());
            assertTrue(service.residentMemoryKb() > 1_000, "RSS " + service.residentMemoryKb());
        } finally {
            service.close();
        }
        assertFalse(ProcessHandle.of(service.pid()).map(ProcessSupport::isRunning).orElse(false));
        assertEquals(-1, service.residentMemoryKb());
        assertTrue(Files.readString(dir.resolve("logs/fake.log")).contains("fake service listening on " + port));
    }

    @Test
    void killCrashesTheServiceAtOnce() throws IOException {
        int port = freePort();
        ServiceProcess service = ServiceProcess.start("victim", jar, port, Map.of("quarkus.http.port", Integer.toString(port)),
                Map.of(), dir.resolve("victim.log"), List.of("-Xmx64m"));
        try {
            service.awaitReady(Duration.ofSeconds(30));
            assertTrue(service.isAlive());
            service.kill();
            assertFalse(service.isAlive());
            assertFalse(ProcessHandle.of(service.pid()).map(ProcessSupport::isRunning).orElse(false));
        } finally {
            service.close();
        }
    }

    @Test
    void earlyExitFailsWithTheLogTail() throws IOException {
        int port = freePort();
        ServiceProcess service = ServiceProcess.start("broken", jar, port, Map.of("fake.exit", "3"), Map.of(),
                dir.resolve("broken.log"), List.of());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> service.awaitReady(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("broken exited with code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("fake service failing on purpose"), e.getMessage());
        } finally {
            service.close();
        }
    }

    @Test
    void timeoutKillsTheProcess() throws IOException {
        int port = freePort();
        ServiceProcess service = ServiceProcess.start("slow", jar, port,
                Map.of("quarkus.http.port", Integer.toString(port), "fake.delay.ms", "60000"), Map.of(),
                dir.resolve("slow.log"), List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> service.awaitReady(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("slow was not ready"), e.getMessage());
        assertFalse(ProcessHandle.of(service.pid()).map(ProcessSupport::isRunning).orElse(false),
                "timed-out service must be killed");
    }

    @Test
    void aSecretGoesThroughTheEnvironmentAndNeverOntoTheCommandLineOrIntoTheLog() throws IOException {
        int port = freePort();
        String secret = "pg-secret-" + port;
        ServiceProcess service = ServiceProcess.start("secretive", jar, port,
                Map.of("quarkus.http.port", Integer.toString(port)), Map.of("QUARKUS_DATASOURCE_PASSWORD", secret),
                dir.resolve("secretive.log"), List.of());
        try {
            service.awaitReady(Duration.ofSeconds(30));
            // what `ps` shows: the arguments, NUL-separated
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(service.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            assertTrue(commandLine.contains("-Dquarkus.http.port=" + port), commandLine);
            assertFalse(commandLine.contains(secret), commandLine);
        } finally {
            service.close();
        }
        String log = Files.readString(dir.resolve("secretive.log"));
        assertTrue(log.contains("datasource password from the environment, " + secret.length() + " characters"), log);
        assertTrue(log.contains("(environment: QUARKUS_DATASOURCE_PASSWORD)"), log);
        assertFalse(log.contains(secret), log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
