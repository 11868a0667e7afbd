#!/usr/bin/env python3
"""Mechanical check of the gold annotations and metadata sidecars.

Usage: python3 check_gold.py DIR...   (each DIR holds sources/ and gold/; default: dev and validation
beside this script)

Adapted from ../shared/corpus/check_gold.py for the development corpus: `also_in`
(restatements, optional on any item), the `less than` qualifier, free-form `rights`
(licences such as "public domain" or "CC BY-SA 4.0") and `language`; `url` need not be
printed in the text (it records where the bytes came from).

For every sources/<name>.txt it requires sources/<name>.meta.toml and
gold/<name>.gold.json, then checks:
  * schema: exact key sets, date formats (YYYY, YYYY-MM, YYYY-MM-DD or
    {"start","end"} with start <= end), numeric values or {"low","high"},
    qualifier from the closed list, boolean `relative`;
  * every `sentence` occurs verbatim (byte-exact, no normalisation) in the source;
  * every `text_span` occurs verbatim in its `sentence`;
  * sidecar: required keys, `rights` value, `published` format, title printed
    in the source, `url` (if any) printed in the source.
Exits 1 and lists every problem if anything fails.
"""
import datetime
import json
import pathlib
import re
import sys
import tomllib

QUALIFIERS = {"less than", "more than", "nearly", "almost", "about", "up to", "at least", "exact"}
EVENT_KEYS = {"date", "text_span", "what", "sentence", "relative"}
EVENT_OPTIONAL = {"also_in"}
STAT_KEYS = {"value", "unit", "qualifier", "text_span", "what", "sentence"}
STAT_OPTIONAL = {"of", "also_in"}
META_REQUIRED = {"title", "publisher", "published", "date_inferred", "date_basis", "rights"}
META_OPTIONAL = {"url", "language"}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_ok(s):
    """Return a sortable tuple for a partial ISO date, or None if malformed."""
    if not isinstance(s, str):
        return None
    m = DATE_RE.match(s)
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        datetime.date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return (y, mo or 0, d or 0)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_doc(name, src, gold, errs):
    def err(msg):
        errs.append(f"{name}: {msg}")

    if set(gold) != {"events", "statistics"}:
        err(f"top-level keys {sorted(gold)} != ['events', 'statistics']")
        return
    for i, e in enumerate(gold["events"]):
        where = f"events[{i}]"
        if not EVENT_KEYS <= set(e) or set(e) - EVENT_KEYS - EVENT_OPTIONAL:
            err(f"{where}: keys {sorted(e)} (need {sorted(EVENT_KEYS)}, optional {sorted(EVENT_OPTIONAL)})")
            continue
        d = e["date"]
        if isinstance(d, dict):
            if set(d) != {"start", "end"}:
                err(f"{where}: span date keys {sorted(d)}")
            else:
                a, b = date_ok(d["start"]), date_ok(d["end"])
                if a is None or b is None:
                    err(f"{where}: malformed span date {d}")
                elif a > b:
                    err(f"{where}: span start after end {d}")
        elif date_ok(d) is None:
            err(f"{where}: malformed date {d!r}")
        if not isinstance(e["relative"], bool):
            err(f"{where}: relative must be a boolean")
        check_text(where, e, src, err)
    for i, s in enumerate(gold["statistics"]):
        where = f"statistics[{i}]"
        keys = set(s)
        if not STAT_KEYS <= keys or keys - STAT_KEYS - STAT_OPTIONAL:
            err(f"{where}: keys {sorted(keys)} (need {sorted(STAT_KEYS)}, optional {sorted(STAT_OPTIONAL)})")
            continue
        v = s["value"]
        if isinstance(v, dict):
            if set(v) != {"low", "high"} or not all(is_number(x) for x in v.values()):
                err(f"{where}: malformed range value {v}")
            elif v["low"] > v["high"]:
                err(f"{where}: range low > high {v}")
        elif not is_number(v):
            err(f"{where}: value must be a number or {{low, high}}, got {v!r}")
        if "of" in s and not is_number(s["of"]):
            err(f"{where}: 'of' must be a number")
        if s["qualifier"] not in QUALIFIERS:
            err(f"{where}: qualifier {s['qualifier']!r} not in {sorted(QUALIFIERS)}")
        if not isinstance(s["unit"], str) or not s["unit"]:
            err(f"{where}: unit must be a non-empty string")
        check_text(where, s, src, err)


def check_text(where, item, src, err):
    sent, span = item["sentence"], item["text_span"]
    for field in ("sentence", "text_span", "what"):
        if not isinstance(item[field], str) or not item[field].strip():
            err(f"{where}: {field} must be a non-empty string")
            return
    if sent != sent.strip():
        err(f"{where}: sentence has leading/trailing whitespace")
    n = src.count(sent)
    if n == 0:
        err(f"{where}: sentence not found verbatim in source: {sent[:80]!r}...")
    if span not in sent:
        err(f"{where}: text_span {span!r} not found in its sentence")
    also = item.get("also_in", [])
    if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also):
        err(f"{where}: also_in must be a list of sentences")
        return
    for a in also:
        if a not in src:
            err(f"{where}: also_in sentence not found verbatim in source: {a[:80]!r}...")


def check_meta(name, src, meta_path, errs):
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        errs.append(f"{meta_path.name}: {e}")
        return
    keys = set(meta)
    if not META_REQUIRED <= keys or keys - META_REQUIRED - META_OPTIONAL:
        errs.append(f"{meta_path.name}: keys {sorted(keys)}")
        return
    if not isinstance(meta["rights"], str) or not meta["rights"].strip():
        errs.append(f"{meta_path.name}: rights must name the licence (or be 'unknown')")
    if date_ok(meta["published"]) is None:
        errs.append(f"{meta_path.name}: malformed published {meta['published']!r}")
    if not isinstance(meta["date_inferred"], bool):
        errs.append(f"{meta_path.name}: date_inferred must be a boolean")
    if meta["title"] not in src:
        errs.append(f"{meta_path.name}: title not printed verbatim in the source")
    if "url" in meta and not str(meta["url"]).startswith(("http://", "https://")):
        errs.append(f"{meta_path.name}: url must be an http(s) address")


def main():
    here = pathlib.Path(__file__).resolve().parent
    roots = [pathlib.Path(a) for a in sys.argv[1:]] or [here / "dev", here / "validation"]
    ok = True
    for root in roots:
        print(f"== {root}")
        ok = check_root(root) and ok
    sys.exit(0 if ok else 1)


def check_root(root):
    sources = sorted((root / "sources").glob("*.txt"))
    if not sources:
        print(f"no sources under {root / 'sources'}")
        return False
    errs, total_e, total_s = [], 0, 0
    for path in sources:
        name = path.stem
        src = path.read_bytes().decode("utf-8")
        meta_path = path.with_suffix(".meta.toml")
        gold_path = root / "gold" / f"{name}.gold.json"
        if not meta_path.exists():
            errs.append(f"{name}: missing {meta_path.name}")
        else:
            check_meta(name, src, meta_path, errs)
        if not gold_path.exists():
            errs.append(f"{name}: missing {gold_path.name}")
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        check_doc(name, src, gold, errs)
        ne, ns = len(gold.get("events", [])), len(gold.get("statistics", []))
        total_e, total_s = total_e + ne, total_s + ns
        print(f"{name}: {ne} events, {ns} statistics")
    print(f"total: {total_e} events, {total_s} statistics")
    if errs:
        print(f"\n{len(errs)} problem(s):")
        for e in errs:
            print("  " + e)
        return False
    print("OK: every sentence is verbatim in its source, every text_span is in its sentence, schema valid")
    return True


if __name__ == "__main__":
    main()
