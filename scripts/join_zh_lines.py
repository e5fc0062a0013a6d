"""Joins wrapped prose lines in the Chinese pages: Markdown turns a line break inside a paragraph into a
space, which is wrong between Chinese characters. Run it after editing docs/zh/; tests/test_docs.py checks."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from project import DOCS, FRONT_MATTER  # noqa: E402  (front matter is settings, one a line: never joined)

DOCS_ZH = DOCS / "zh"
NOT_PROSE = re.compile(r"^\s*([|#!=>`~-]|\d+\.|\*|<|\$|\{|---)")


def is_prose(line: str) -> bool:
    return bool(line.strip()) and not NOT_PROSE.match(line)


def join(text: str) -> str:
    front_matter = FRONT_MATTER.match(text)
    head = front_matter[0] if front_matter else ""
    out: list[str] = []
    in_fence = False
    for line in text[len(head) :].splitlines():
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            out.append(line)
            continue
        previous = out[-1] if out else ""
        indent = len(line) - len(line.lstrip())
        same_block = indent == len(previous) - len(previous.lstrip())
        if (
            not in_fence
            and is_prose(line)
            and is_prose(previous)
            and same_block
            and not previous.endswith("  ")
        ):
            out[-1] = previous.rstrip() + line.strip()
        else:
            out.append(line)
    return head + "\n".join(out) + "\n"


def main() -> int:
    for page in sorted(DOCS_ZH.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        joined = join(text)
        if joined != text:
            page.write_text(joined, encoding="utf-8")
            print(f"joined lines in {page.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
