#!/usr/bin/env python3
"""Writes src/text/pinyin.txt: the toneless pinyin of every common CJK character,
so that a name written in characters (张三) meets the same name written in pinyin
(Zhang San) in matching. Source: the `pypinyin` package (pip install pypinyin), the
most common reading of each character.

Format, one line per syllable: `syllable<TAB>characters`, sorted by syllable. Then a
line `#surnames`, and one line per surname whose reading as a surname differs from its
common reading (单 is dan, but the surname 单 is shan): `surname<TAB>syllables`,
syllables separated by spaces (compound surnames such as 欧阳 have two).
"""
import os
from collections import defaultdict

from pypinyin import Style, lazy_pinyin

# Surname readings, checked against the usual lists of Chinese surnames (百家姓) for the
# characters whose surname reading is not their common reading, and the common
# compound surnames (read as written; listed so that they are split off as one surname).
SURNAMES = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao",
    "乐": "yue", "盖": "ge", "缪": "miao", "翟": "zhai", "覃": "qin", "尉": "yu", "秘": "bi",
    "种": "chong", "员": "yun", "句": "gou", "繁": "po", "召": "shao", "长": "chang", "华": "hua",
    "任": "ren", "沈": "shen", "纪": "ji", "曲": "qu", "黑": "he", "宓": "mi", "蕃": "pi",
    "万俟": "mo qi", "尉迟": "yu chi", "单于": "chan yu", "长孙": "zhang sun",
    "欧阳": "ou yang", "司马": "si ma", "上官": "shang guan", "诸葛": "zhu ge",
    "东方": "dong fang", "皇甫": "huang fu", "令狐": "ling hu", "司徒": "si tu",
    "夏侯": "xia hou", "宇文": "yu wen", "慕容": "mu rong", "公孙": "gong sun",
    "轩辕": "xuan yuan", "澹台": "tan tai", "西门": "xi men", "呼延": "hu yan",
}

RANGES = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)]


def main():
    by_syllable = defaultdict(list)
    for lo, hi in RANGES:
        for cp in range(lo, hi):
            c = chr(cp)
            p = lazy_pinyin(c, style=Style.NORMAL, errors="ignore", v_to_u=False)
            if len(p) == 1 and p[0].isascii() and p[0].isalpha():
                by_syllable[p[0].lower()].append(c)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "text", "pinyin.txt")
    with open(out, "w", encoding="utf-8") as f:
        for syllable in sorted(by_syllable):
            f.write(f"{syllable}\t{''.join(by_syllable[syllable])}\n")
        f.write("#surnames\n")
        for surname in sorted(SURNAMES):
            f.write(f"{surname}\t{SURNAMES[surname]}\n")
    chars = sum(len(v) for v in by_syllable.values())
    print(f"{chars} characters in {len(by_syllable)} syllables, {len(SURNAMES)} surnames -> {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
