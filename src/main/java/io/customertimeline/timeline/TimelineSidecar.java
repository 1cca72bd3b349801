package io.customertimeline.timeline;

import java.util.UUID;

/**
 * Something another feature shows beside a customer's timeline entries (open follow-up tasks,
 * for one), under {@code related.<name>} of the timeline and customer_details answers. Features
 * add one by declaring a bean, so the timeline depends on none of them.
 */
public interface TimelineSidecar {

    String name();

    /**
     * A query ({@code SELECT FROM ... WHERE ...}) that finds a row when the customer
     * {@code {customer}} (a uuid expression) may have something to show; when it finds none,
     * {@link #none()} is shown without asking {@link #forCustomer}. A timeline page runs it,
     * limited to one row, inside the page's own statement.
     */
    String presence();

    /** What is shown when {@link #presence()} finds no row. */
    Object none();

    Object forCustomer(UUID customer);
}
