#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Fills translations/hallway_en.ts after `cmake --build build --target hallway_lupdate`. The
# source texts are English already; this catalogue exists for plural forms: "%n minute(s)"
# becomes "%n minute" and "%n minutes" ("%n online" stays as it is). Every other message is
# its own translation.
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PLURAL = re.compile(r"(\w+)\(s\)")


def main() -> int:
    path = Path(__file__).resolve().parent.parent / "hallway_en.ts"
    tree = ET.parse(path)
    tree.getroot().set("language", "en")
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        if message.get("numerus") != "yes":
            translation.text = source
            continue
        translation.text = None
        ET.SubElement(translation, "numerusform").text = PLURAL.sub(r"\1", source)
        ET.SubElement(translation, "numerusform").text = PLURAL.sub(r"\1s", source)
    ET.indent(tree)
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
