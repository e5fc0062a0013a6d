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

overrides/main.html points an English page's ``base`` at ``/en/``, where Material's script fetches
``search/search_index.json``; a result's link is resolved against that base too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ENGLISH = "en/"
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


def split(index: dict) -> dict[str, dict]:
    """{"zh": the Chinese index, "en": the English index} from Material's shared one."""
    chinese = [doc for doc in index["docs"] if not doc["location"].startswith(ENGLISH)]
    english = [
        {
            **doc,
            "location": doc["location"].removeprefix(ENGLISH),
            "stems": stems(doc["title"] + " " + doc["text"]),
        }
        for doc in index["docs"]
        if doc["location"].startswith(ENGLISH)
    ]
    fields = {**index["config"]["fields"], "stems": {"boost": 1.0}}
    english_config = {**index["config"], "lang": ["en"], "pipeline": ["trimmer"], "fields": fields}
    return {"zh": {**index, "docs": chinese}, "en": {**index, "config": english_config, "docs": english}}


@event_priority(-100)  # after the search plugin has written the shared index
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config["site_dir"])
    shared = site / "search" / "search_index.json"
    indexes = split(json.loads(shared.read_text(encoding="utf-8")))
    shared.write_text(json.dumps(indexes["zh"], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    english = site / "en" / "search" / "search_index.json"
    english.parent.mkdir(parents=True, exist_ok=True)
    english.write_text(json.dumps(indexes["en"], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
