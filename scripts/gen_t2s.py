#!/usr/bin/env python3
"""Writes src/text/t2s.txt: every traditional Chinese character whose simplified
form is one other character, one pair per line ("電电"), from OpenCC's t2s table
(pip install opencc-python-reimplemented). Used to fold traditional and simplified
spellings together in headers and match keys."""
import os

import opencc

cc = opencc.OpenCC("t2s")
ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)]
pairs = []
for lo, hi in ranges:
    for cp in range(lo, hi):
        c = chr(cp)
        s = cc.convert(c)
        if len(s) == 1 and s != c:
            pairs.append(c + s)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "text", "t2s.txt")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(pairs) + "\n")
print(len(pairs), "pairs written to", os.path.normpath(out))
