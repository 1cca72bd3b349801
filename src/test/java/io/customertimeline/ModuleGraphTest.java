package io.customertimeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each top-level package is a feature module; a module may use another's public face but the
 * modules must not depend on each other in a cycle, and {@code system} depends on no feature.
 */
class ModuleGraphTest {

    private static final Path SOURCES = Path.of("src/main/java/io/customertimeline");
    private static final Pattern USE = Pattern.compile("io\\.customertimeline\\.([a-z]+)\\.");

    @Test
    void modulesFormNoCycle() {
        Map<String, Set<String>> graph = graph();
        List<String> cycle = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (findCycle(graph, start, new ArrayList<>(), cycle)) {
                break;
            }
        }
        assertThat(cycle).as("module cycle").isEmpty();
        assertThat(graph.get("system")).as("system depends on no feature").isEmpty();
    }

    private static boolean findCycle(Map<String, Set<String>> graph, String node, List<String> path, List<String> found) {
        if (path.contains(node)) {
            found.addAll(path.subList(path.indexOf(node), path.size()));
            found.add(node);
            return true;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (findCycle(graph, next, path, found)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path rel = SOURCES.relativize(f);
                if (rel.getNameCount() < 2) {
                    return;
                }
                String module = rel.getName(0).toString();
                Set<String> uses = graph.computeIfAbsent(module, k -> new TreeSet<>());
                try {
                    Matcher m = USE.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(module)) {
                            uses.add(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }
}
