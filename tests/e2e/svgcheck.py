#!/usr/bin/env python3
"""Check ipcscope's SVG pictures against the JSON snapshots they were drawn
from, with a real XML parser (xml.dom.minidom: a file that is not
well-formed XML is refused by it).

  svgcheck.py wellformed FILE...        each FILE parses as XML, an <svg>
  svgcheck.py match SVG JSONLINE-FILE N  the SVG shows what line N holds
  svgcheck.py lines DIR JSONLINE-FILE    DIR/ipcscope-NNNN.svg matches
                                         line NNNN, for every line, and
                                         DIR holds nothing else

match: every full slot's item number in its slot (text.slot-item), no
item in an empty slot, each semaphore's value (text.sem), the numbers of
each kernel object's line, and each live worker's label at the code line
the JSON gives it (text.code-label), marked blocked when it is. Prints one
line saying what was wrong and exits 1, or exits 0 silently.
"""
import json
import sys
import xml.dom.minidom


def fail(msg):
    print("svgcheck: " + msg)
    sys.exit(1)


def parse(path):
    try:
        doc = xml.dom.minidom.parse(path)
    except Exception as e:  # the parser's own words
        fail("%s: not well-formed XML: %s" % (path, e))
    if doc.documentElement.tagName != "svg":
        fail("%s: the root is <%s>, not <svg>" % (path,
             doc.documentElement.tagName))
    return doc


def texts(doc, cls):
    """The <text> elements whose class list holds cls, with their text."""
    out = []
    for t in doc.getElementsByTagName("text"):
        if cls in t.getAttribute("class").split():
            s = "".join(n.data for n in t.childNodes
                        if n.nodeType == n.TEXT_NODE)
            out.append((t, s))
    return out


def match(svg, jfile, n):
    doc = parse(svg)
    with open(jfile) as f:
        lines = f.read().splitlines()
    if n < 1 or n > len(lines):
        fail("%s has no line %d" % (jfile, n))
    snap = json.loads(lines[n - 1])
    where = "%s against line %d of %s" % (svg, n, jfile)
    # The slots: the item's number in each full one, none in an empty one.
    items = {t.getAttribute("data-slot"): s for t, s in
             texts(doc, "slot-item")}
    for b in snap.get("buffers", [])[:1]:
        for sl in b["slots"]:
            got = items.get(str(sl["index"]))
            if sl["full"] and got != str(sl["seq"]):
                fail("%s: slot %d holds item %d, the picture says %r" %
                     (where, sl["index"], sl["seq"], got))
            if not sl["full"] and got is not None:
                fail("%s: slot %d is empty, the picture shows item %s" %
                     (where, sl["index"], got))
    # The banner's word: the JSON's state, large, or none when partial.
    state = [x for _, x in texts(doc, "state")]
    want = [] if snap["state"] == "partial" else [snap["state"].upper()]
    if state != want:
        fail("%s: the state is %s, the picture says %r" %
             (where, snap["state"], state))
    # The semaphores: each value, by name, in the text itself.
    sems = {t.getAttribute("data-name"): s for t, s in texts(doc, "sem")}
    for o in snap["objects"]:
        if o["kind"] == "sem":
            for name, v in o["values"].items():
                want = "%s %d " % (name, v)
                if not sems.get(name, "").startswith(want):
                    fail("%s: semaphore %s is %d, the picture says %r" %
                         (where, name, v, sems.get(name)))
    # The kernel objects' numbers, each in its object's line(s).
    kern = " | ".join(s for _, s in texts(doc, "kernel"))
    fields = {"shm": ["nattch", "cpid", "lpid", "size"],
              "msq": ["qnum", "cbytes", "qbytes"],
              "mq": ["curmsgs", "maxmsg"], "pipe": ["queued", "capacity"],
              "fifo": ["queued", "capacity"], "socket": ["inq", "outq"]}
    for o in snap["objects"]:
        for k in fields.get(o["kind"], []):
            if "%s %d" % (k, o[k]) not in kern:
                fail("%s: %s %s is %d, not in the picture's kernel lines: "
                     "%s" % (where, o["kind"], k, o[k], kern))
    # The code: each live worker's label at its line, and only there.
    labels = {}
    for t, s in texts(doc, "code-label"):
        labels.setdefault(t.getAttribute("data-worker"), []).append(
            (t.getAttribute("data-line"), t.getAttribute("data-blocked"),
             t.getAttribute("data-role")))
    for w in snap["workers"]:
        lab = ("P" if w["role"] == "producer" else "C") + str(w["id"])
        got = labels.get(lab, [])
        if not w["alive"] or w["line"] is None:
            if got:
                fail("%s: %s has no line, the picture puts it at %s" %
                     (where, lab, got))
            continue
        want = [(str(w["line"]["number"]), "true" if w["blocked"] else
                 "false", w["role"])]
        if got != want:
            fail("%s: %s is at line %s (blocked %s), the picture says %s" %
                 (where, lab, w["line"]["number"], w["blocked"], got))
    code = texts(doc, "code")
    listed = [s for _, s in code]
    for role in ("producer", "consumer"):
        for line in snap["code"][role]:
            if not any(s.startswith(line) for s in listed):
                fail("%s: the %s's line %r is not in the picture" %
                     (where, role, line))
    blocked = [s for t, s in code if "blocked" in
               t.getAttribute("class").split()]
    for s in blocked:
        if not s.endswith("BLOCKED"):
            fail("%s: a blocked line does not say BLOCKED: %r" % (where, s))
    if any(w["alive"] and w["blocked"] and w["line"] for w in
           snap["workers"]) and not blocked:
        fail("%s: a worker is blocked, no code line says so" % where)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "wellformed":
        for p in sys.argv[2:]:
            parse(p)
    elif len(sys.argv) == 5 and sys.argv[1] == "match":
        match(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "lines":
        import os
        with open(sys.argv[3]) as f:
            n = len(f.read().splitlines())
        want = ["ipcscope-%04d.svg" % i for i in range(1, n + 1)]
        got = sorted(os.listdir(sys.argv[2]))
        if got != want:
            fail("%s holds %s, not one picture per line (%d)" %
                 (sys.argv[2], got, n))
        for i in range(1, n + 1):
            match(os.path.join(sys.argv[2], want[i - 1]), sys.argv[3], i)
    else:
        fail("usage: svgcheck.py wellformed FILE... | match SVG JSONL N | "
             "lines DIR JSONL")


main()
