/**
 * The {@code elbo4j} command line: {@link org.elbo4j.cli.Main} parses the arguments with picocli
 * and runs one of the subcommands registered in {@code Commands.all()}; errors become one line
 * {@code elbo4j: error: ...} and exit status 1 (runtime) or 2 (usage). The subpackages hold what the
 * subcommands share: data I/O ({@code io}), progress display ({@code ui}) and plots ({@code plot}).
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int status = Main.execute(new String[] {"data", dir.resolve("data.json").toString()},
 *     new PrintWriter(out, true), new PrintWriter(err, true), System.getenv());
 * assert status == 0 : err;
 * System.out.print(out);
 * }</pre>
 */
package org.elbo4j.cli;
