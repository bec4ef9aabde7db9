package org.elbo4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks that a file is a PNG of the expected size that is not blank. */
final class PngAssert {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssert() {}

    static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > SIGNATURE.length, file + " is too short");
        assertArrayEquals(SIGNATURE, Arrays.copyOf(bytes, SIGNATURE.length), file + " lacks the PNG signature");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " is not decodable");
        assertEquals(width, img.getWidth(), "width of " + file);
        assertEquals(height, img.getHeight(), "height of " + file);
        return img;
    }

    /** Number of distinct RGB colours: a chart with axes, text and series has many. */
    static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                c.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return c.size();
    }

    /** Whether some pixel is close to the given colour (series drawn in it). */
    static boolean hasColour(BufferedImage img, int rgb) {
        int r0 = (rgb >> 16) & 0xFF;
        int g0 = (rgb >> 8) & 0xFF;
        int b0 = rgb & 0xFF;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xFF) - r0) < 8
                        && Math.abs(((p >> 8) & 0xFF) - g0) < 8
                        && Math.abs((p & 0xFF) - b0) < 8) {
                    return true;
                }
            }
        }
        return false;
    }
}
