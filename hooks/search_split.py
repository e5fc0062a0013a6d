"""One search index per language, so each site searches its own pages in its own way.

Material writes one ``search/search_index.json`` for the whole build: the Chinese site found English pages
first, the English site found Chinese ones, and stemming had to be off for both. After the build this hook
splits it:

- ``search/search_index.json``: the Chinese pages only (jieba has already segmented their words), searched
  without stemming, as before;
- ``en/search/search_index.json``: the English pages only, with their locations relative to ``/en/``.
  Material searches every word as a prefix ("save" as ``save*``), which lunr's stemmer would break: a
  stemmed index holds "broadcast", and the prefix ``broadcasting*`` no longer matches it. So the words stay
  as they are, and each entry gets a ``stems`` field with the base forms that prefix matching can't reach:
  "saving" and "saved" add "save", "libraries" adds "library". "save model" then finds "Saving and loading".

The Chinese query segmentation of Material's search worker is patched (WORKER_PATCHES): it splits a query
such as 张量 into the words of the index, but never tried the whole query as one word, so 张量 was searched
(and highlighted, ``?h=张``) as 张 whenever 张 alone was indexed too; likewise 学习率 as 学习, 自动微分 as
自动.
And the glossary's Chinese terms are words for jieba (``on_config``), so the index holds 学习率 whole where
the pages use it, not 学习 and 率.

overrides/main.html points an English page's ``base`` at ``/en/``, where Material's script fetches
``search/search_index.json``; a result's link is resolved against that base too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from project import SNIPPETS, includes, page_url

ENGLISH = page_url("en")  # where the English site lives in the build
# Two bugs of the search worker, patched in its minified text (WORKER_PATCHES). The build fails if that text
# changes (a new Material release): check the upstream source again then, the bugs may be fixed.
# 1. Material 9.8's segment() (src/templates/assets/javascripts/integrations/search/query/segment/index.ts)
#    has two off-by-one errors at the end of the query: it looks for indexed words query.slice(i, j) with
#    ``for (let j = i + 1; j < query.length; j++)``, so j never reaches the end and a word that ends the query
#    is never found whole; and it goes on to the next word only ``if (wordcuts[q] && q < query.length - 1)``,
#    so a last one-character word is dropped. The patch lets both reach the end.
# 2. lunr 2.3.9's TokenSet.toString(), the key under which TokenSet.Builder.minimize() merges equal nodes,
#    joins each edge's character and the node id it leads to with nothing between: a node with the edges
#    "a" -> 123 and one with "a" -> 1, "2" -> 3 both read "0a123", and are merged. The index's word tree then
#    holds words the index doesn't (lunr issue #503), and the first query that reaches one fails in the worker
#    ("Cannot read properties of undefined (reading '_index')"): the Chinese site found nothing for any
#    English word once a page's code added a few words with digits. A comma after each id ends it.
WORKER_PATCHES = {
    "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e": "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
    "n[a]&&a<t.length-1&&(i[s++]=a)": "n[a]&&a<t.length&&(i[s++]=a)",
    "e=e+s+o.id}return e}": 'e=e+s+o.id+","}return e}',
}
WORD = re.compile(r"[a-z]{4,}")


def base_forms(word: str) -> set[str]:
    """The forms a reader may type for an inflected word, where they are not a prefix of it."""
    forms = set()
    if word.endswith("ing") and len(word) > 5:
        forms.add(word[:-3] + "e")  # saving -> save
    if word.endswith("ed") and len(word) > 4:
        forms.add(word[:-2] + "e" if not word.endswith("eed") else word[:-1])  # saved -> save
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")  # libraries -> library
    return forms


def stems(text: str) -> str:
    """The base forms of a text's inflected words, for the index only (never shown)."""
    found = set()
    for word in WORD.findall(re.sub(r"<[^>]+>", " ", text).lower()):
        found |= base_forms(word)
    return " ".join(sorted(found))


def split(index: dict, errors: dict[str, str] | None = None) -> dict[str, dict]:
    """{"zh": the Chinese index, "en": the English index} from Material's shared one; ``errors`` (from
    error_messages()) go into the common-errors sections' ``errors`` field in both."""
    errors = errors or {}

    def with_errors(doc: dict, location: str) -> dict:
        page, _, anchor = location.partition("#")
        message = errors.get(f"#{anchor}") if page == ERRORS_PAGE else None
        return {**doc, "location": location, **({"errors": message} if message else {})}

    chinese = [
        with_errors(doc, doc["location"]) for doc in index["docs"] if not doc["location"].startswith(ENGLISH)
    ]
    english = [
        {
            **with_errors(doc, doc["location"].removeprefix(ENGLISH)),
            "stems": stems(doc["title"] + " " + doc["text"]),
        }
        for doc in index["docs"]
        if doc["location"].startswith(ENGLISH)
    ]
    error_field = {"errors": {"boost": index["config"]["fields"]["title"]["boost"]}}
    chinese_config = {**index["config"], "fields": {**index["config"]["fields"], **error_field}}
    fields = {**index["config"]["fields"], **error_field, "stems": {"boost": 1.0}}
    english_config = {**index["config"], "lang": ["en"], "pipeline": ["trimmer"], "fields": fields}
    return {
        "zh": {**index, "config": chinese_config, "docs": chinese},
        "en": {**index, "config": english_config, "docs": english},
    }


ERRORS_PAGE = "common-errors/"
ERROR_LINE = re.compile(r"^\w*(?:Error|Exception|Warning): .+$", re.M)


def error_messages(page: Path) -> dict[str, str]:
    """{"#id": the error lines its recorded outputs print} for each section of the common-errors page: a
    pasted message is found in its own section first (the index's ``errors`` field, boosted like a title)."""
    found = {}
    for section in re.split(r"^## ", page.read_text(encoding="utf-8"), flags=re.M)[1:]:
        anchor = re.search(r"\{(#[\w-]+)\}", section.splitlines()[0])
        outputs = [path for path in includes(section) if path.endswith(".out")]
        lines = [
            line for path in outputs for line in ERROR_LINE.findall((SNIPPETS / path).read_text("utf-8"))
        ]
        if anchor and lines:
            found[anchor[1]] = " ".join(lines)
    return found


GLOSSARY_TERM = re.compile(r"^\| ([^|]+?) \| [^|]+ \|", re.M)


def glossary_terms(glossary: Path) -> list[str]:
    """The Chinese terms of the glossary's table (a cell may list several: 标量 / 向量 / 矩阵)."""
    cells = GLOSSARY_TERM.findall(glossary.read_text(encoding="utf-8"))[1:]  # [0]: the header
    terms = [term.strip() for cell in cells for term in cell.split(" / ")]
    return [term for term in terms if not term.startswith("---")]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The glossary's terms become words of jieba, which Material's search plugin segments Chinese with."""
    for term in glossary_terms(Path(config["docs_dir"]) / "zh" / "glossary.md"):
        jieba.add_word(term)
    return config


def patch_worker(site: Path) -> None:
    """Lets the search worker's Chinese segmentation find the words at a query's end, and its word tree hold
    only the index's words (WORKER_PATCHES)."""
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    worker = workers[0].read_text(encoding="utf-8") if len(workers) == 1 else ""
    for bug, fix in WORKER_PATCHES.items():
        if worker.count(bug) == 1:
            worker = worker.replace(bug, fix)
        elif worker.count(fix) != 1:  # patched by an earlier build into the same folder: nothing to do
            raise PluginError(
                "Material's search worker changed: check WORKER_PATCHES in hooks/search_split.py"
            )
    workers[0].write_text(worker, encoding="utf-8")


@event_priority(-100)  # after the search plugin has written the shared index
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config["site_dir"])
    patch_worker(site)
    shared = site / "search" / "search_index.json"
    errors = error_messages(Path(config["docs_dir"]) / "en" / "common-errors.md")
    indexes = split(json.loads(shared.read_text(encoding="utf-8")), errors)
    shared.write_text(json.dumps(indexes["zh"], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    english = site / "en" / "search" / "search_index.json"
    english.parent.mkdir(parents=True, exist_ok=True)
    english.write_text(json.dumps(indexes["en"], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
