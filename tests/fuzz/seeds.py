#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fuzz seeds from docs/protocol.md.

Writes into a corpus folder, one file each:
- every JSON example of the document (the ```json blocks, and the "> " / "< " lines of the
  transcripts), exactly as the document spells it; placeholders such as "{...}" are left out;
- for each request type (the "client -> server" rows of "At a glance"), a frame with the
  fields its table names, their values made up from the column "Type" or the words beside
  them (an integer for an id, true for a bool...), and a topic.subscribe for each topic the
  document names. The values need not be right: they give the fuzzer each type's field names
  and each topic to start from, which it would hardly find on its own.
It also writes the names the document quotes in backticks (types, fields, topics, codes) into
a libFuzzer dictionary. (Edge values are the harness's custom mutator's business.)

    seeds.py docs/protocol.md --corpus DIR [--dict FILE]
"""
import argparse
import hashlib
import json
import pathlib
import re
import shutil
import sys

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
# `auth.login`, `displayName`, `widget.talks?limit=5`: names and values, not prose or shapes.
QUOTED_NAME = re.compile(r"`([A-Za-z_][^\s`<>{}\[\]\"]{0,47})`")
TRANSCRIPT = re.compile(r"^[<>] ")
REQUEST_TYPE = r"`((?:hello)|(?:[a-z]+\.[a-z_]+))`"
# "### `fact.list`" followed by "| Field | Type | Required | Rules |" rows.
SECTION = re.compile(r"^### " + REQUEST_TYPE + r"\n(.*?)(?=^#)", re.S | re.M)
FIELD_ROW = re.compile(r"^\| `([A-Za-z]+)` \| (\w+) \| (yes|no) \|", re.M)
# "| `chat.send` | `clientId` (1 to 64), `to` (user id), `text` | result | errors |"
TABLE_ROW = re.compile(r"^\| " + REQUEST_TYPE + r" \| ([^|]*) \|", re.M)
TABLE_FIELD = re.compile(r"`([A-Za-z]+)`(?: \(([^)]*)\))?")
# The topics: the paragraph "Topics in v1", with the examples the document gives of the kinds
# it names by pattern (`facts.user.<userId>`: `facts.user.12`).
TOPICS_PARAGRAPH = re.compile(r"^Topics in v1:(.*?)\n\n", re.S | re.M)
STRING_FIELDS = ("clientId", "conversation", "text", "name", "kind", "title", "abstract")
# The request types: the "client -> server" rows of the table "At a glance".
CLIENT_ROW = re.compile(r"^\| client -> server \| ([^|]*) \|", re.M)
SAMPLES = {"integer": 1, "string": "x", "bool": True, "object": {}, "array": [1]}


def examples(markdown):
    """The JSON texts of the document, in order, without repeats."""
    found = []
    for language, block in FENCE.findall(markdown):
        candidates = []
        if language == "json":
            candidates.append(block.strip())
            candidates.extend(line.strip() for line in block.splitlines())
        else:
            candidates.extend(TRANSCRIPT.sub("", line).strip()
                              for line in block.splitlines() if TRANSCRIPT.match(line))
        for text in candidates:
            if not text.startswith(("{", "[")) or text in found:
                continue
            try:
                json.loads(text)
            except ValueError:
                continue
            found.append(text)
    return found


def sample(name, note):
    """A value for a field the document names in a table row, guessed from the words beside it."""
    note = note or ""
    quoted = re.findall(r"`([^`]+)`", note)
    if quoted:
        return quoted[0]  # "`role` (`attendee` or `moderator`)"
    if note.startswith("bool"):
        return True
    if note.startswith("array"):
        return [1]
    if name == "config":
        return {}
    if name in STRING_FIELDS:
        return "x"
    return 1  # the other fields of these tables are ids and counts


def topics(markdown):
    """The topic names of the document: plain ones, and examples of the patterned ones."""
    paragraph = TOPICS_PARAGRAPH.search(markdown)
    if not paragraph:
        return []
    named = re.findall(r"`([^`]+)`", paragraph.group(1))
    plain = [name for name in named if "<" not in name]
    prefixes = tuple(name.split("<")[0] for name in named if "<" in name)
    examples = [name for name in QUOTED_NAME.findall(markdown)
                if prefixes and name.startswith(prefixes) and name not in prefixes]
    return plain + sorted(set(examples))


def table_requests(markdown):
    """A frame for each request type of the document's tables, with the fields they name."""
    requests = {name for row in CLIENT_ROW.findall(markdown)
                for name in re.findall(REQUEST_TYPE, row)}
    frames = {}
    for request_type, section in SECTION.findall(markdown):
        data = {name: SAMPLES.get(kind, "x") for name, kind, _ in FIELD_ROW.findall(section)}
        frames.setdefault(request_type, data)
    for types, cell in TABLE_ROW.findall(markdown):
        data = {name: sample(name, note) for name, note in TABLE_FIELD.findall(cell)}
        frames.setdefault(types, data)
    # topic.subscribe once more for each topic, so that every topic's own parsing is reached.
    subscribe = [("topic.subscribe", {"topic": topic}) for topic in topics(markdown)]
    return [json.dumps({"type": request_type, "id": 1, "data": data})
            for request_type, data in list(frames.items()) + subscribe
            if request_type in requests]


def names(markdown, texts):
    """The quoted names of the document and the keys of its examples, sorted."""
    result = set(QUOTED_NAME.findall(markdown))

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                result.add(key)
                keys(item)
        elif isinstance(value, list):
            for item in value:
                keys(item)

    for text in texts:
        keys(json.loads(text))
    return sorted(result)


def write_corpus(texts, folder):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for text in texts:
        data = text.encode("utf-8")
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def write_dictionary(words, path):
    # libFuzzer's format: one "..." per line, with \\ and \" escaped. Each name comes quoted,
    # as it stands in a frame.
    lines = []
    for word in words:
        quoted = json.dumps(word)
        lines.append('"' + quoted.replace("\\", "\\\\").replace('"', '\\"') + '"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Generated from docs/protocol.md by tests/fuzz/seeds.py\n"
                    + "\n".join(lines) + "\n", encoding="utf-8")


def extract(document, corpus, dictionary=None):
    markdown = pathlib.Path(document).read_text(encoding="utf-8")
    texts = examples(markdown)
    texts += [text for text in table_requests(markdown) if text not in texts]
    write_corpus(texts, pathlib.Path(corpus))
    if dictionary:
        write_dictionary(names(markdown, texts), pathlib.Path(dictionary))
    return len(texts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--dict")
    args = parser.parse_args()
    count = extract(args.document, args.corpus, args.dict)
    if count == 0:
        sys.exit(f"{args.document}: no JSON examples found")
    print(f"{count} seeds in {args.corpus}")


if __name__ == "__main__":
    main()
