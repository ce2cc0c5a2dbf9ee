#!/usr/bin/env python3
"""Regenerate the bundled data sets in datasets/ from the scikit-learn copies of three UCI sets.

Usage (from anywhere):  python3 datasets/make_bundled.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/data/uci relative to the repository root. It must hold
iris.csv, iris.rst, breast_cancer.csv, breast_cancer.rst, digits.csv.gz and digits.rst as
Debian's python3-sklearn 1.2.1 ships them.

For each data set the script writes, under datasets/<name>/:
  <name>.csv   every row, header row first, the class name in the last column `label`;
  train.csv    a stratified 80 % of the rows, test.csv the other 20 % (same header);
  <name>.rst   the description, copied verbatim.

Feature values are copied as the source spells them (no float reformatting). Rows keep their
source order inside each output file. The split is deterministic: per class (in class-index
order), the row indices are shuffled by a Fisher-Yates shuffle driven by SplitMix64 seeded
with SEED, and the first round_half_up(TEST_FRACTION * class size) of them go to test.csv.
SplitMix64 is used instead of Python's `random` so the split never depends on the Python
version. Python 3 standard library only; re-running it rewrites identical files.
"""

import gzip
import os
import re
import shutil
import sys

SEED = 42
TEST_FRACTION = 0.2
MASK64 = (1 << 64) - 1

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.path.join(REPO_ROOT, "datasets")


class SplitMix64:
    """Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators"."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, bound):
        # Modulo bias is < 2^-50 for our sizes; determinism is what matters here.
        return self.next() % bound


def snake(text):
    """'sepal length in cm' -> 'sepal_length_cm'; drops parentheticals and the word 'in'."""
    text = re.sub(r"\(.*?\)", " ", text.lower())
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w != "in"]
    return "_".join(words)


def attribute_list(rst_text, name):
    """The '- item' lines of the ':Attribute Information:' block, up to '- class:'."""
    block = rst_text.split(":Attribute Information:", 1)[1]
    items = []
    for line in block.splitlines()[1:]:
        stripped = line.strip()
        if stripped.startswith("- class:"):
            return items
        if stripped.startswith("- "):
            items.append(stripped[2:])
    raise SystemExit(f"{name}.rst: no '- class:' line after ':Attribute Information:'")


def iris_features(rst_text):
    return [snake(a) for a in attribute_list(rst_text, "iris")]


def breast_cancer_features(rst_text):
    # The .rst: "field 0 is Mean Radius, field 10 is Radius SE, field 20 is Worst Radius".
    if "field 10 is Radius SE" not in " ".join(rst_text.split()):
        raise SystemExit("breast_cancer.rst: expected the 'Mean Radius / Radius SE / Worst Radius' note")
    base = [snake(a) for a in attribute_list(rst_text, "breast_cancer")]
    return ["mean_" + b for b in base] + [b + "_se" for b in base] + ["worst_" + b for b in base]


def digits_features(rst_text):
    if "8x8 image" not in rst_text:
        raise SystemExit("digits.rst: expected an '8x8 image' attribute description")
    return [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="ascii", newline="") as f:
        return [line.rstrip("\r\n") for line in f if line.strip()]


def read_source(path, has_meta_line):
    """Returns (class_names or None, rows as lists of source tokens, class index last)."""
    lines = read_lines(path)
    class_names = None
    expected_rows = expected_features = None
    if has_meta_line:
        meta = lines[0].split(",")
        expected_rows, expected_features, class_names = int(meta[0]), int(meta[1]), meta[2:]
        lines = lines[1:]
    rows = [line.split(",") for line in lines]
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise SystemExit(f"{path}: row {i + 1} has {len(row)} fields, expected {width}")
    if expected_rows is not None and (len(rows) != expected_rows or width - 1 != expected_features):
        raise SystemExit(f"{path}: expected {expected_rows} x {expected_features}, "
                         f"found {len(rows)} x {width - 1}")
    return class_names, rows


def stratified_test_rows(labels):
    """Indices of the test rows: round_half_up(TEST_FRACTION * n_c) per class, seeded."""
    rng = SplitMix64(SEED)
    by_class = {}
    for i, label in enumerate(labels):
        by_class.setdefault(label, []).append(i)
    test = set()
    for label in sorted(by_class, key=int):
        idx = by_class[label][:]
        for j in range(len(idx) - 1, 0, -1):
            k = rng.below(j + 1)
            idx[j], idx[k] = idx[k], idx[j]
        n_test = int(TEST_FRACTION * len(idx) + 0.5)
        test.update(idx[:n_test])
    return test


def write_csv(path, header, rows):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def build(source_dir, name, source_stem, source_file, has_meta_line, features_of):
    with open(os.path.join(source_dir, source_stem + ".rst"), encoding="utf-8") as f:
        rst_text = f.read()
    features = features_of(rst_text)
    class_names, rows = read_source(os.path.join(source_dir, source_file), has_meta_line)
    if len(features) != len(rows[0]) - 1:
        raise SystemExit(f"{name}: {len(features)} feature names for {len(rows[0]) - 1} columns")
    class_index = [row[-1] for row in rows]
    if class_names is None:
        named = rows
    else:
        named = [row[:-1] + [class_names[int(row[-1])]] for row in rows]
    header = features + ["label"]
    test = stratified_test_rows(class_index)

    out_dir = os.path.join(DATASETS, name)
    os.makedirs(out_dir, exist_ok=True)
    write_csv(os.path.join(out_dir, name + ".csv"), header, named)
    write_csv(os.path.join(out_dir, "train.csv"), header,
              [r for i, r in enumerate(named) if i not in test])
    write_csv(os.path.join(out_dir, "test.csv"), header,
              [r for i, r in enumerate(named) if i in test])
    shutil.copyfile(os.path.join(source_dir, source_stem + ".rst"), os.path.join(out_dir, name + ".rst"))
    print(f"{name}: {len(named)} rows x {len(features)} features -> "
          f"train {len(named) - len(test)}, test {len(test)}")


def main(argv):
    if len(argv) > 2:
        raise SystemExit("usage: make_bundled.py [SOURCE_DIR]")
    default = os.path.join(REPO_ROOT, "..", "shared", "data", "uci")
    source_dir = os.path.normpath(argv[1] if len(argv) == 2 else default)
    if not os.path.isdir(source_dir):
        raise SystemExit(f"source folder not found: {source_dir}")
    build(source_dir, "iris", "iris", "iris.csv", True, iris_features)
    build(source_dir, "breast-cancer", "breast_cancer", "breast_cancer.csv", True, breast_cancer_features)
    build(source_dir, "digits", "digits", "digits.csv.gz", False, digits_features)


if __name__ == "__main__":
    main(sys.argv)
