package org.elbo4j.cli.io;

/** JSON parse messages for users: the parser's own words without its internals (feature names, sources, classes). */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * @param parserMessage the parser's message ({@code JsonProcessingException.getOriginalMessage()}); may be null
     * @return the message without "[Source: ...]", "(... Feature 'X' not enabled ...)", "JsonReadFeature..." or
     *     Jackson class names; "malformed JSON" if nothing is left
     */
    public static String clean(String parserMessage) {
        if (parserMessage == null) {
            return "malformed JSON";
        }
        String m = parserMessage
                .replaceAll("\\s*\\[Source:[^\\]]*\\][^\\n]*", "")
                .replaceAll("\\s*\\([^()]*(Feature|JsonReadFeature|JsonParser)[^()]*\\)", "")
                .replaceAll("\\s*\\(for [^()]*\\)", "")
                .replaceAll(";?[^;:]*(JsonReadFeature|JsonParser\\.Feature)[^;]*", "")
                .replaceAll("(com\\.fasterxml\\.)?jackson(\\.[\\w$]+)+", "")
                .replaceAll("\\s*\\R\\s*", " ")
                .strip();
        if (m.endsWith(":") || m.endsWith(";")) {
            m = m.substring(0, m.length() - 1).strip();
        }
        return m.isEmpty() ? "malformed JSON" : m;
    }
}
