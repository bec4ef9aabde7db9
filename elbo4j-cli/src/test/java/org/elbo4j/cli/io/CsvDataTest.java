package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDataTest {

    @Test
    void readsHeaderAndRows(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "x,y,z\n1,2.5,-3e2\n 4 , .5 ,+6\n");
        CsvData t = CsvData.read(f);
        assertEquals(List.of("x", "y", "z"), t.names());
        assertEquals(2, t.rows());
        assertEquals(3, t.cols());
        assertArrayEquals(new double[] {1, 2.5, -300, 4, 0.5, 6}, t.rowMajor());
        assertArrayEquals(new double[] {2.5, 0.5}, t.column("y"));
        assertArrayEquals(new double[] {-300, 1, 6, 4}, t.columns(List.of("z", "x")));
        assertEquals(0.5, t.get(1, 1));
    }

    @Test
    void acceptsRStyleQuotesBomCommentsAndBlankLines() {
        String csv = "\uFEFF# written by R\n\"a\",\"b c\"\n\n\"1\",2\n# mid comment\n3,\"4\"\n\n";
        CsvData t = CsvData.parse(csv, "r.csv");
        assertEquals(List.of("a", "b c"), t.names());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.rowMajor());
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertMessage("e.csv: empty file (no header row)", "");
        assertMessage("e.csv: empty file (no header row)", "\n# only a comment\n\n");
        assertMessage("e.csv: has a header (line 1) but no data rows", "a,b\n");
        assertMessage("e.csv: line 3: expected 2 fields as in the header (line 1) but found 3", "a,b\n1,2\n1,2,3\n");
        assertMessage("e.csv: line 2: expected 2 fields as in the header (line 1) but found 1", "a,b\n1\n");
        assertMessage("e.csv: line 2, column 2 ('b'): 'x1' is not a number", "a,b\n1,x1\n");
        assertMessage("e.csv: line 2, column 1 ('a'): '1f' is not a number", "a,b\n1f,2\n");
        assertMessage("e.csv: line 2, column 1 ('a'): '0x10' is not a number", "a,b\n0x10,2\n");
        assertMessage(
                "e.csv: line 3, column 2 ('b'): 'NaN' is not a finite number;"
                        + " missing or non-finite values are not allowed",
                "a,b\n1,2\n3,NaN\n");
        assertMessage(
                "e.csv: line 2, column 1 ('a'): 'Inf' is not a finite number;"
                        + " missing or non-finite values are not allowed",
                "a,b\nInf,2\n");
        assertMessage(
                "e.csv: line 2, column 2 ('b'): 'NA' is not a finite number;"
                        + " missing or non-finite values are not allowed",
                "a,b\n1,NA\n");
        assertMessage("e.csv: line 2, column 2 ('b'): empty cell; a number is required", "a,b\n1,\n");
        assertMessage("e.csv: line 2, column 1 ('a'): '1e999' overflows a double", "a,b\n1e999,2\n");
        assertMessage("e.csv: line 1, column 2: duplicate column name 'a'", "a,a\n1,2\n");
        assertMessage("e.csv: line 1, column 2: empty column name in the header", "a,\n1,2\n");
        assertMessage("e.csv: line 2, column 1: unterminated quoted field", "a\n\"1\n");
    }

    @Test
    void unknownColumnListsTheColumns() {
        CsvData t = CsvData.parse("a,b\n1,2\n", "c.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column("z"));
        assertEquals("c.csv: no column 'z'; the columns are a, b", e.getMessage());
    }

    @Test
    void realFileNameAppearsInErrors(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("data.csv");
        Files.writeString(f, "a\n1\n2\nthree\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvData.read(f));
        assertEquals(f + ": line 4, column 1 ('a'): 'three' is not a number", e.getMessage());
    }

    private static void assertMessage(String expected, String csv) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvData.parse(csv, "e.csv"));
        assertEquals(expected, e.getMessage());
    }
}
