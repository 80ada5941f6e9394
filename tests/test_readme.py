"""The README and docs link only files a clone has, and say which Node runs the dashboard."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_relative_link_in_the_readme_and_docs_names_a_file_of_the_repository() -> None:
    pages = [ROOT / "README.md", ROOT / "frontend" / "README.md", *(ROOT / "docs").glob("*.md")]
    broken = []
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):  # https:, mailto:
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert broken == []


def test_the_readme_and_package_json_agree_on_node() -> None:
    package = json.loads((ROOT / "frontend" / "package.json").read_text(encoding="utf-8"))
    assert package["engines"]["node"] == ">=20.19"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Node 20.19 or newer" in readme
    assert "PORT=" in readme
    assert "HOST=" in readme
    # No dev dependency that refuses Node 20 (an EBADENGINE warning on every install).
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    too_new = [
        name
        for name, entry in lock["packages"].items()
        if re.search(r">=\s*2[2-9]", str(entry.get("engines", {}).get("node", "")))
        and not re.search(r"\^20|\|\|", str(entry.get("engines", {}).get("node", "")))
    ]
    assert too_new == []
