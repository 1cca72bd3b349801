package io.customertimeline.timeline;

import java.util.UUID;

/**
 * Something another feature shows beside a customer's timeline entries (open follow-up tasks,
 * for one), under {@code related.<name>} of the timeline and customer_details answers. Features
 * add one by declaring a bean, so the timeline depends on none of them.
 */
public interface TimelineSidecar {

    String name();

    Object forCustomer(UUID customer);
}
