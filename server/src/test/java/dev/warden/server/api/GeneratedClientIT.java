package dev.warden.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.identity.ApiClients;
import dev.warden.server.shared.Permission;
import dev.warden.server.testing.FirstPassOnly;
import dev.warden.server.testing.Http;
import dev.warden.server.testing.IntegrationTest;
import dev.warden.server.testing.TestClients;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What an integrator does with the served OpenAPI description: generate a Java client with OpenAPI
 * Generator (its own spec validation on), compile all of it, and list apps through a running Warden with
 * a client-credentials token. The document does not differ by database: the H2 pass only.
 */
@IntegrationTest
@ExtendWith(FirstPassOnly.class)
class GeneratedClientIT {
    static final Path TOOLS = Path.of("target/tools");
    static final Path HOME = Path.of("target/generated-client");

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    @Test
    void aGeneratedJavaClientCompilesAndListsApps() throws Exception {
        Http admin = TestClients.admin(new Http(port), clients);
        assertThat(admin.post("/api/v1/partners", """
                        {"id": "genclient", "name": "Generated Client Co", "tier": "SILVER", "securityContacts": []}
                        """).status()).isIn(201, 409);
        assertThat(admin.post("/api/v1/apps", """
                        {"key": "com.genclient.app", "name": "Generated Client App", "partner": "genclient",
                         "listings": [{"hosting": "CLOUD", "state": "LISTED"}]}
                        """).status()).isIn(201, 409);

        deleteTree(HOME);
        Files.createDirectories(HOME);
        Path spec = HOME.resolve("openapi.json");
        Files.writeString(spec, new Http(port).get("/api/openapi.json").body(), StandardCharsets.UTF_8);
        Path sources = HOME.resolve("client");
        Path log = HOME.resolve("generator.log");
        Process generator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        TOOLS.resolve("openapi-generator-cli.jar").toString(),
                        "generate",
                        "-g",
                        "java",
                        "--library",
                        "apache-httpclient",
                        "-i",
                        spec.toString(),
                        "-o",
                        sources.toString(),
                        "--invoker-package",
                        "dev.warden.client",
                        "--api-package",
                        "dev.warden.client.api",
                        "--model-package",
                        "dev.warden.client.model",
                        "--additional-properties=openApiNullable=false,useJakartaEe=true,hideGenerationTimestamp=true")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(generator.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(generator.exitValue()).as(Files.readString(log)).isZero();

        Path classes = HOME.resolve("classes");
        Files.createDirectories(classes);
        compile(sources.resolve("src/main/java"), classes);

        // The generated client, as an integrator's code would use it.
        ApiClients.RegisteredClient reader = TestClients.register(clients, null, Permission.CATALOG_READ);
        String token = TestClients.token(new Http(port), reader.client().clientId(), reader.clientSecret());
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedClientIT.class.getClassLoader())) {
            Object client = loader.loadClass("dev.warden.client.ApiClient")
                    .getConstructor()
                    .newInstance();
            call(client, "setBasePath", "http://localhost:" + port);
            call(client, "setAccessToken", token);
            Class<?> appsApi = loader.loadClass("dev.warden.client.api.AppsApi");
            Object apps = appsApi.getConstructor(client.getClass()).newInstance(client);
            Method list = Stream.of(appsApi.getMethods())
                    .filter(m -> m.getName().equals("listApps") && m.getParameterCount() == 9)
                    .findFirst()
                    .orElseThrow();
            Object page = list.invoke(apps, "genclient", null, null, null, null, null, null, null, null);
            List<?> items = (List<?>) call(page, "getItems");
            JsonNode expected = admin.get("/api/v1/apps?partner=genclient").json();
            assertThat(call(page, "getTotalItems"))
                    .isEqualTo(expected.get("totalItems").asLong());
            assertThat(items).hasSize(1);
            assertThat(call(items.get(0), "getKey")).isEqualTo("com.genclient.app");
            assertThat(call(items.get(0), "getName")).isEqualTo("Generated Client App");

            // A problem answer reaches the caller as the client's exception, with its status.
            Method get = appsApi.getMethod("getApp", String.class);
            try {
                get.invoke(apps, "com.genclient.missing");
                throw new AssertionError("an unknown app was found");
            } catch (InvocationTargetException e) {
                assertThat(call(e.getCause(), "getCode")).isEqualTo(404);
            }
        }
    }

    /** Compiles every generated source against the tests' classpath; fails with the compiler's messages. */
    private static void compile(Path sources, Path classes) throws Exception {
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    Files.readString(TOOLS.resolve("test-classpath.txt")).strip(),
                    "-proc:none",
                    "-nowarn",
                    "-encoding",
                    "UTF-8"));
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files))
                    .call();
            assertThat(ok)
                    .as(diagnostics.getDiagnostics().stream()
                            .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                            .limit(20)
                            .map(Object::toString)
                            .toList()
                            .toString())
                    .isTrue();
        }
    }

    private static Object call(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new AssertionError(target.getClass() + " has no " + method);
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
