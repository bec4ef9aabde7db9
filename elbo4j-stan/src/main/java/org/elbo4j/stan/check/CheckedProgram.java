package org.elbo4j.stan.check;

import java.util.List;
import java.util.Map;
import org.elbo4j.stan.parse.Program;

/**
 * A type-checked program: the AST annotated in place (types, bindings, call targets), its program-level
 * variables in declaration order, its user functions, and the local frame sizes of each block.
 *
 * @param program     the annotated AST
 * @param globals     every program-level variable (data, transformed data, parameters, transformed
 *                    parameters, generated quantities) in declaration order; {@code Symbol.slot} is the index
 * @param functions   user functions by name
 * @param frameSizes  per block (index 1..6 as in {@link Block}): {object slots, int slots}
 */
public record CheckedProgram(
        Program program, List<Symbol> globals, Map<String, List<UserFunction>> functions, int[][] frameSizes) {
    /** Program blocks with their indices into {@link #frameSizes}. */
    public enum Block {
        FUNCTIONS("functions"),
        DATA("data"),
        TRANSFORMED_DATA("transformed data"),
        PARAMETERS("parameters"),
        TRANSFORMED_PARAMETERS("transformed parameters"),
        MODEL("model"),
        GENERATED_QUANTITIES("generated quantities");

        public final String stan;

        Block(String stan) {
            this.stan = stan;
        }
    }
}
