package io.customertimeline.connectors;

import java.util.function.Consumer;

/** A system the service pulls history from: OpenCart, a mailbox, the quote chat database. */
public interface PullSource {

    /** A stable short name, used for the watermark row and in URLs: {@code opencart}, {@code imap}, {@code quotechat}. */
    String name();

    /**
     * Reads everything changed after {@code watermark} ({@code null}: from the beginning), handing
     * one batch at a time to {@code sink}. A row that cannot be read is reported in its batch and
     * skipped; a source that cannot be reached at all throws {@link SourceException}.
     */
    void pull(String watermark, Consumer<Batch> sink);
}
