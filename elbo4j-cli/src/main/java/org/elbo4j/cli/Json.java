package org.elbo4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The CLI's one Jackson {@link ObjectMapper} (indented output), in a class of its own so that it is made only when a
 * command first reads or writes JSON with it: a fit without {@code --out} never loads Jackson's data binding (about
 * 300 classes and a few tens of milliseconds at start-up; docs/benchmarks.md, "Cold start").
 */
final class Json {
    /** Reads JSON trees and writes summary.json files, indented. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}
}
