package dev.warden.server.notifications;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code ticket-reminders}: every hour, the reminders that came due are queued (each once): ticket
 * due dates and the obligations' deadlines.
 */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {
    private static final Logger log = LoggerFactory.getLogger(NotificationJobs.class);

    @Bean
    RecurringTask<Void> ticketReminders(
            Notices notices,
            DeadlineReminders deadlineReminders,
            @Value("${warden.notifications.reminder-interval:1h}") Duration interval) {
        return Tasks.recurring("ticket-reminders", FixedDelay.of(interval)).execute((instance, context) -> {
            BooleanSupplier stopping = () -> context.getSchedulerState().isShuttingDown();
            int queued = notices.remind(stopping);
            if (queued > 0) {
                log.info("queued {} due-date reminders", queued);
            }
            int deadlines = deadlineReminders.remind(stopping);
            if (deadlines > 0) {
                log.info("queued {} deadline reminders", deadlines);
            }
        });
    }
}
