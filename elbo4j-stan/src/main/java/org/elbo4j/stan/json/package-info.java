/**
 * Stan's JSON data format as CmdStan reads it, hand-written (no JSON library): {@link
 * org.elbo4j.stan.json.StanJson} returns the variables in file order as raw {@link org.elbo4j.stan.json.JsonValue}s
 * (dimensions, row-major values, whether every value was an integer literal, where the name was written), and
 * every malformed input gives one {@link org.elbo4j.stan.json.StanJsonException} with {@code file:line:column},
 * the variable and what was expected. Checking the values against a program's declarations is the front end's.
 *
 * <pre>{@code
 * Map<String, JsonValue> data = StanJson.read(dir.resolve("eight_schools.json"));   // dir: where the file is
 * JsonValue y = data.get("y");          // dims [8], values 28, 8, -3, ...
 * boolean ints = y.allIntegers();       // true: every value was written as an integer
 * }</pre>
 */
package org.elbo4j.stan.json;
