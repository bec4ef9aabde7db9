#!/usr/bin/env python3
"""Writes docs.txt: 300 short documents (one per line) mixing three themes, for `elbo4j cavi lda`.

Seeded (random.Random(11)), so running it again gives the same file: python3 examples/make_docs.py
"""
import random

THEMES = {
    "garden": "garden soil seed flower tomato compost water sunlight leaf root harvest spade weed bloom".split(),
    "kitchen": "bread oven flour butter sugar recipe dough bake knife pan salt onion garlic soup".split(),
    "sea": "boat sail harbour wave tide anchor fish net captain storm island beach shell wind".split(),
}
FILLER = "the a and of to in with on for this that was is".split()


def main():
    r = random.Random(11)
    names = sorted(THEMES)
    lines = []
    for _ in range(300):
        main_theme = r.choice(names)
        other = r.choice(names)
        words = []
        for _ in range(r.randint(8, 16)):
            u = r.random()
            if u < 0.7:
                words.append(r.choice(THEMES[main_theme]))
            elif u < 0.85:
                words.append(r.choice(THEMES[other]))
            else:
                words.append(r.choice(FILLER))
        lines.append(" ".join(words))
    with open(__file__.rsplit("/", 1)[0] + "/docs.txt" if "/" in __file__ else "docs.txt", "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
