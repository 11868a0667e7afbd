#!/usr/bin/env python3
"""Agreement between two annotators of the same document: scores the second annotation
(agreement/gold) as if it were a prediction, against the first (dev/gold), with the
shared scorer. Usage: python3 tests/corpus/agreement.py [PATH/TO/score_extraction.py]"""
import json, pathlib, shutil, subprocess, sys, tempfile

here = pathlib.Path(__file__).resolve().parent
scorer = sys.argv[1] if len(sys.argv) > 1 else str(here.parents[2] / "shared/tools/score_extraction.py")
pairs = {"gov-cbp-december-2019-enforcement-decline": "cbp-cbp-december-2019-enforcement"}
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    (tmp / "data").mkdir()
    (tmp / "gold").mkdir()
    events, stats = [], []
    for second, first in pairs.items():
        a = json.loads((here / "agreement/gold" / f"{second}.gold.json").read_text())
        src = f"sources/{first}.txt"
        for e in a["events"]:
            d = e["date"]
            start, end = (d["start"], d["end"]) if isinstance(d, dict) else (d, None)
            events.append({"source_path": src, "date": start, "end": end, "quote": e["sentence"], "span": e["text_span"]})
        for s in a["statistics"]:
            v = s["value"]
            low, high, val = (v["low"], v["high"], None) if isinstance(v, dict) else (None, None, v)
            stats.append({"source_path": src, "value": val, "low": low, "high": high, "quote": s["sentence"], "span": s["text_span"]})
        shutil.copy(here / "dev/gold" / f"{first}.gold.json", tmp / "gold")
    (tmp / "data/events.json").write_text(json.dumps({"events": events}))
    (tmp / "data/statistics.json").write_text(json.dumps({"statistics": stats}))
    sys.exit(subprocess.call([sys.executable, scorer, str(tmp), str(tmp / "gold"), "--verbose"]))
