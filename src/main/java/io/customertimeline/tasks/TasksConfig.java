package io.customertimeline.tasks;

import io.customertimeline.system.TimelineProperties;
import io.customertimeline.timeline.AttentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The task rules from {@code timeline.tasks.*}, and overdue tasks as a "needs attention" reason. */
@Configuration(proxyBeanMethods = false)
class TasksConfig {

    @Bean
    FollowUpRules followUpRules(TaskProperties props, TimelineProperties timeline) {
        return FollowUpRules.from(props.inZone(timeline.timezone()));
    }

    @Bean
    AttentionRule taskOverdue() {
        return new AttentionRule("task_overdue", """
                SELECT t.customer_id, 'task_overdue', 'Overdue task: ' || t.title, greatest(t.due_at, coalesce(t.snoozed_until, t.due_at))
                FROM follow_up_tasks t JOIN customer_profiles p ON p.id = t.customer_id
                WHERE t.status = 'open' AND greatest(t.due_at, coalesce(t.snoozed_until, t.due_at)) < :now AND p.merged_into IS NULL
                """);
    }
}
