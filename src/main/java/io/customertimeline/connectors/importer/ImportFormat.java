package io.customertimeline.connectors.importer;

import java.util.Locale;

/** The file layouts an import reads. */
public enum ImportFormat {
    /** A header row of seed field names, one record a row; nested fields as JSON text in a cell. */
    CSV,
    /** One JSON object a line: the seed's {@code data} object, or a whole {@code {"action":..,"data":{..}}} body. */
    JSON_LINES;

    /** By file name ({@code .csv}, {@code .jsonl}, {@code .ndjson}, {@code .json}), else by the first non-blank character. */
    static ImportFormat detect(String fileName, int firstNonBlank) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSON_LINES;
        }
        return firstNonBlank == '{' ? JSON_LINES : CSV;
    }
}
