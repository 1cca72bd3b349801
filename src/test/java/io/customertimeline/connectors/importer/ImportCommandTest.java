package io.customertimeline.connectors.importer;

import static io.customertimeline.TestApp.unique;
import static io.customertimeline.TestApp.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import io.customertimeline.ingest.EventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void argumentsNameSourceFileAndDryRun() throws Exception {
        Path file = Files.writeString(dir.resolve("orders.csv"), "order_id\n");

        var parsed = ImportCommand.parse(new String[] {"import", "orders", file.toString(), "--dry-run"}, new PrintStream(err));

        assertThat(parsed).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo(EventType.ORDER);
            assertThat(a.file()).isEqualTo(file);
            assertThat(a.dryRun()).isTrue();
        });
    }

    @Test
    void wrongArgumentsPrintUsage() {
        assertThat(ImportCommand.parse(new String[] {"import", "invoices", "x.csv"}, new PrintStream(err))).isEmpty();
        assertThat(err()).contains("'invoices' is not an import source").contains("usage:");
        assertThat(ImportCommand.parse(new String[] {"import", "orders", dir.resolve("missing.csv").toString()}, new PrintStream(err)))
                .isEmpty();
        assertThat(err()).contains("cannot read");
        assertThat(ImportCommand.main(new String[] {"import"})).isEqualTo(64);
    }

    @Test
    void importPrintsProgressAndReportAndExitsTwoWhenRowsWereRejected() throws Exception {
        TestApp app = TestApp.get();
        String email = unique("cli") + "@example.co.za";
        Path file = Files.writeString(dir.resolve("social.jsonl"), """
                {"platform":"instagram","customer_handle":"@%s","customer_email":"%s","content":"Love the new speakers!","post_url":"https://instagram.com/p/%d","interaction_date":"2024-01-15T14:20:00Z"}
                {"platform":"instagram","content":"no one to file this under","post_url":"https://instagram.com/p/%d","interaction_date":"2024-01-15T14:20:00Z"}
                """.formatted(unique("h"), email, uniqueNumber(), uniqueNumber()));
        var args = ImportCommand.parse(new String[] {"import", "social", file.toString()}, new PrintStream(err)).orElseThrow();

        int code = ImportCommand.run(args, app.context::getBean, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err));
        int again = ImportCommand.run(args, app.context::getBean, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err));

        assertThat(code).isEqualTo(2);
        assertThat(again).isEqualTo(2);
        assertThat(out()).contains("Importing social from " + file)
                .contains("2 rows (1 accepted, 1 rejected), 100% of the file")
                .contains("rejected line 2:")
                .contains("created 1, updated 0, unchanged 0")
                .contains("created 0, updated 0, unchanged 1");
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).status()).isEqualTo(200);
    }
}
