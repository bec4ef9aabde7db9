package org.elbo4j.stan.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Stan program into tokens. Comments ({@code //}, {@code /* *}{@code /}, {@code #} to the end of the
 * line) and white space are skipped. Operators are matched longest first ({@code %/%} before {@code %}).
 */
public final class Lexer {
    private static final String[] OPS = {
        "%/%", ".*=", "./=", "||", "&&", "==", "!=", "<=", ">=", ".*", "./", ".^", "+=", "-=", "*=", "/=", "<-", "+",
        "-", "*", "/", "%", "\\", "^", "'", "!", "<", ">", "=", "~", "?", ":", ",", ";", "(", ")", "[", "]", "{", "}",
        "|"
    };

    private final Source src;
    private final String s;
    private int i, line = 1, col = 1;

    private Lexer(Source src) {
        this.src = src;
        this.s = src.text();
    }

    /**
     * @return the tokens, ending with an EOF token
     * @throws StanSyntaxException at an unexpected character or an unterminated comment or string
     */
    public static List<Token> tokenize(Source src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Pos p = pos();
            if (i >= s.length()) {
                out.add(new Token(Token.Kind.EOF, "", p));
                return out;
            }
            char c = s.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) advance();
                out.add(new Token(Token.Kind.IDENT, s.substring(st, i), p));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                out.add(number(p));
            } else if (c == '"') {
                advance();
                int st = i;
                while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') advance();
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw new StanSyntaxException(src, p, "unterminated string literal");
                }
                String text = s.substring(st, i);
                advance();
                out.add(new Token(Token.Kind.STRING, text, p));
            } else {
                String op = null;
                for (String o : OPS) {
                    if (s.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) throw new StanSyntaxException(src, p, "unexpected character '" + c + "'");
                for (int k = 0; k < op.length(); k++) advance();
                out.add(new Token(Token.Kind.OP, op, p));
            }
        }
    }

    private Token number(Pos p) {
        int st = i;
        boolean real = false;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '_')) advance();
        if (i < s.length()
                && s.charAt(i) == '.'
                && !(i + 1 < s.length()
                        && (s.charAt(i + 1) == '*' || s.charAt(i + 1) == '/' || s.charAt(i + 1) == '^'))) {
            real = true;
            advance();
            while (i < s.length() && Character.isDigit(s.charAt(i))) advance();
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int save = i, sl = line, sc = col;
            advance();
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) advance();
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                real = true;
                while (i < s.length() && Character.isDigit(s.charAt(i))) advance();
            } else {
                i = save;
                line = sl;
                col = sc;
            }
        }
        String text = s.substring(st, i).replace("_", "");
        if (i < s.length()
                && s.charAt(i) == 'i'
                && !(i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1)))) {
            advance();
            return new Token(Token.Kind.IMAG, text, p);
        }
        return new Token(real ? Token.Kind.REAL : Token.Kind.INT, text, p);
    }

    private void skipSpaceAndComments() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/' || c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') advance();
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                Pos p = pos();
                advance();
                advance();
                while (i < s.length() && !s.startsWith("*/", i)) advance();
                if (i >= s.length())
                    throw new StanSyntaxException(src, p, "comment opened here is never closed with */");
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private Pos pos() {
        return new Pos(line, col, i);
    }

    private void advance() {
        if (s.charAt(i) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i++;
    }
}
