package org.elbo4j.stan.parse;

import java.util.List;

/**
 * A parsed Stan program: its functions and the statements of each block (declarations are statements). Absent
 * blocks are empty lists.
 */
public record Program(
        Source source,
        List<FunDef> functions,
        List<Stmt> data,
        List<Stmt> transformedData,
        List<Stmt> parameters,
        List<Stmt> transformedParameters,
        List<Stmt> model,
        List<Stmt> generatedQuantities) {}
