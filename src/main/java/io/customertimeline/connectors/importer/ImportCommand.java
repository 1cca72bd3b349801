package io.customertimeline.connectors.importer;

import io.customertimeline.ingest.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar customer-timeline.jar import <source> <file> [--dry-run]}: imports a file into
 * the service's database without starting the web server, printing progress and the report.
 * Exit code 0 when every row was accepted, 2 when some were rejected, 1 when the import could not
 * run (unreadable file, database down), 64 for a usage error.
 */
public final class ImportCommand {

    static final String USAGE = """
            usage: java -jar customer-timeline.jar import <source> <file> [--dry-run]
              source   orders | emails | social | quotes | calls
              file     CSV with a header row of the seed's field names, or JSON Lines (.jsonl)
              --dry-run  check every row against the ingest rules and report, writing nothing
            The database is the service's own (DATABASE_URL, or the embedded one in TIMELINE_DATA_DIR).""";

    private ImportCommand() {
    }

    record Arguments(EventType type, Path file, boolean dryRun) {
    }

    /** Parses {@code import <source> <file> [--dry-run]}; empty with the reason printed when wrong. */
    static Optional<Arguments> parse(String[] args, PrintStream err) {
        List<String> positional = new ArrayList<>();
        boolean dryRun = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run", "-n" -> dryRun = true;
                case "--help", "-h" -> {
                    err.println(USAGE);
                    return Optional.empty();
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        err.println("unknown option " + args[i] + "\n" + USAGE);
                        return Optional.empty();
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.size() != 2) {
            err.println(USAGE);
            return Optional.empty();
        }
        Optional<EventType> type = ImportSource.eventType(positional.get(0));
        if (type.isEmpty()) {
            err.println("'" + positional.get(0) + "' is not an import source\n" + USAGE);
            return Optional.empty();
        }
        Path file = Path.of(positional.get(1));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("cannot read " + file);
            return Optional.empty();
        }
        return Optional.of(new Arguments(type.get(), file, dryRun));
    }

    /** Runs the command in a context of its own (no web server, no connector schedule); returns the exit code. */
    public static int main(String[] args) {
        Optional<Arguments> parsed = parse(args, System.err);
        if (parsed.isEmpty()) {
            return 64;
        }
        // A database left running by the service is used and left running for it.
        System.setProperty("timeline.embedded-postgres.leave-adopted-running", "true");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(io.customertimeline.Application.class)
                .web(WebApplicationType.NONE)
                .properties("timeline.connectors.scheduling=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "logging.level.io.customertimeline.connectors.importer=WARN")
                .run()) {
            return run(parsed.get(), context::getBean, System.out, System.err);
        } catch (RuntimeException e) {
            System.err.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    /** The import itself, given the service's beans. */
    static int run(Arguments a, Function<Class<ImportService>, ImportService> beans, PrintStream out, PrintStream err) {
        ImportService imports = beans.apply(ImportService.class);
        String source = ImportSource.name(a.type());
        out.println("Importing " + source + " from " + a.file() + (a.dryRun() ? " (dry run: nothing is written)" : ""));
        try (InputStream in = Files.newInputStream(a.file())) {
            ImportService.Result result = imports.importFile(a.type(), in, a.file().getFileName().toString(), Files.size(a.file()),
                    a.dryRun(), p -> out.println("  " + p));
            out.print(result.describe());
            return result.report().rejectedCount() > 0 ? 2 : 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("import failed: cannot read " + a.file() + ": " + e.getMessage());
            return 1;
        }
    }
}
