package dev.warden.server;

import dev.warden.server.shared.AfterClose;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Starts Warden. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WardenApplication {

    public static void main(String[] args) {
        // H2's automatic server mode (which lets ./warden import share the database with a running
        // server) listens for other processes: on this machine only, unless the operator says otherwise.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        ConfigurableApplicationContext context = SpringApplication.run(WardenApplication.class, args);
        // One-shot commands (./warden import, ./warden audit verify, ./warden compact) run during start-up;
        // then the process ends with their exit code.
        if (context.getEnvironment().containsProperty("warden.import.file")
                || context.getEnvironment().containsProperty("warden.audit.verify")
                || context.getEnvironment().containsProperty("warden.compact")) {
            System.exit(exit(context));
        }
    }

    /**
     * Closes a one-shot command's application and returns its exit code; when the command succeeded, its
     * work that waits for the database to be closed ({@link AfterClose}) runs then.
     */
    public static int exit(ConfigurableApplicationContext context) {
        List<AfterClose> after =
                List.copyOf(context.getBeansOfType(AfterClose.class).values());
        int code = SpringApplication.exit(context);
        if (code == 0) {
            for (AfterClose work : after) {
                code = Math.max(code, work.afterClose());
            }
        }
        return code;
    }

    /** The one clock of the server; tests register their own before start to move through time. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
