"""Checks an exported Bundle with the `fhir.resources` R4B models (a well-kept FHIR model
library: every element, cardinality, datatype and choice type of the specification), then
what the library leaves to the Bundle's author: references resolve inside the Bundle, and
every resource carries the Part 2 labels."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

PART_2_LABELS = {
    ("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "42CFRPart2"),
    ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "NORDSCLCD"),
}


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for value in node.values() for r in _references(value)]
    if isinstance(node, list):
        return [r for item in node for r in _references(item)]
    return []


def validate_bundle(body: dict[str, Any]) -> Counter[str]:
    """Raises on the first problem; answers how many resources of each type it holds."""
    Bundle.model_validate(body)
    assert body["type"] == "collection"
    urls = [entry["fullUrl"] for entry in body["entry"]]
    assert len(urls) == len(set(urls)), "fullUrls are unique"
    canonicals = set()
    for entry in body["entry"]:
        resource = entry["resource"]
        model = get_fhir_model_class(resource["resourceType"])
        model.model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
        labels = {(s["system"], s["code"]) for s in resource["meta"]["security"]}
        assert labels >= PART_2_LABELS, resource["resourceType"]
        if "url" in resource:
            canonicals.add(resource["url"])
    for entry in body["entry"]:
        for reference in _references(entry["resource"]):
            assert reference in urls, f"{reference} in {entry['resource']['resourceType']}"
        questionnaire = entry["resource"].get("questionnaire")
        if questionnaire:
            assert questionnaire in canonicals
    return Counter(entry["resource"]["resourceType"] for entry in body["entry"])
