#!/usr/bin/env python3
"""Writes a messy customer list with ground truth, for measuring matching quality.

    python3 benches/gen_customers.py --rows 100000 --out bench-data/customers_100000.csv \
        --truth bench-data/customers_100000.truth.csv [--seed 7]

The list (UTF-8 CSV, Chinese headers) holds people, Chinese names mostly and some
English ones, most of them contacts at companies. About 30% of the people appear 2 to 5
times, each copy corrupted the way real lists are: spaces inside names, traditional
characters, the name in pinyin (`Zhang San`, `San Zhang`, `ZHANG SAN`), homophone and
spelling slips, company written with another legal suffix or the city in brackets,
phones in other written forms (`138-0013-8000`, `+86 138 0013 8000`, full-width
digits), email case swapped, address slips, missing fields, another fill date.
Colleagues at one company share its switchboard, fax, address and city; some very
common names (王伟, 李娜) belong to many different people.

The truth file has `row,entity`: `row` is the line number of the record in the CSV (the
header is line 1), which is what rollcall's Lineage sheet reports as `source_row`.
Deterministic for a given --seed.
"""
import argparse
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

# Surnames by frequency (the most common first), weights roughly as in the census.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAME_WEIGHTS = [1.0 / (i + 3) for i in range(len(SURNAMES))]
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华飞玉萍红建国志海燕亮婷雪梅琳晨宇浩然子轩欣怡梓涵一诺思远俊文博嘉"
         "鹏辉斌波宁凯峰鑫佳慧颖倩丹晶琦瑶璐欢琴蕾薇雅楠阳帆昊天翔宏鸿昌东林森淼鹤松柏晓春秋冬月星云龙虎彪锋锐剑"
         "永德智仁义礼信忠孝诚安康乐福禄寿喜庆祥瑞泰和顺利成功胜荣耀光辉煌金银珠宝玉石山川江河湖海")
# Very common full names that many different people carry.
COMMON = ["王伟", "李娜", "张伟", "王芳", "李伟", "刘伟", "王静", "张敏", "李静", "张丽", "王敏", "刘洋", "李强", "王磊"]
ENGLISH_FIRST = ["John", "Mary", "David", "Linda", "Michael", "Susan", "James", "Karen", "Robert", "Lisa", "Peter",
                 "Emma", "Thomas", "Sarah", "Daniel", "Laura", "Mark", "Anna", "Paul", "Kate", "George", "Helen",
                 "William", "Olivia", "Richard", "Sophie", "Charles", "Grace", "Joseph", "Alice", "Steven", "Chloe",
                 "Andrew", "Emily", "Kevin", "Jessica", "Brian", "Rachel", "Edward", "Nancy", "Ronald", "Amy",
                 "Jason", "Megan", "Ryan", "Hannah", "Gary", "Julia", "Eric", "Claire", "Adam", "Fiona"]
ENGLISH_LAST = ["Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Anderson", "Thomas", "Jackson",
                "White", "Harris", "Martin", "Thompson", "Garcia", "Clark", "Lewis", "Walker", "Hall", "Young",
                "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
                "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart",
                "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly"]
CITIES = [("北京", "010", "10"), ("上海", "021", "20"), ("广州", "020", "51"), ("深圳", "0755", "51"),
          ("杭州", "0571", "31"), ("南京", "025", "21"), ("成都", "028", "61"), ("武汉", "027", "43"),
          ("西安", "029", "71"), ("苏州", "0512", "21"), ("天津", "022", "30"), ("重庆", "023", "40"),
          ("厦门", "0592", "36"), ("青岛", "0532", "26"), ("长沙", "0731", "41"), ("郑州", "0371", "45")]
DISTRICTS = ["朝阳区", "海淀区", "东城区", "西城区", "浦东新区", "徐汇区", "天河区", "南山区", "福田区", "西湖区",
             "鼓楼区", "武侯区", "江汉区", "雁塔区", "高新区", "开发区", "市南区", "岳麓区", "金水区", "工业园区"]
ROADS = ["中关村大街", "建国路", "人民路", "解放路", "中山路", "长江路", "黄河路", "南京路", "淮海路", "科技路",
         "学院路", "文化路", "和平路", "新华路", "延安路", "东风路", "滨江大道", "世纪大道", "花园路", "创业路"]
WORD_CHARS = "华信明达天河长江西湖前海金桥东方瑞丰鼎盛恒通宏远中联博雅嘉和新源永泰汇通鑫隆腾飞卓越创新兴旺正大光辉" \
             "佳美安康润泽广厦联创同仁启航睿智凯旋星辰伟业宝丰富达蓝天绿洲方圆优品英华德胜"
TRADES = ["科技", "贸易", "物流", "软件", "餐饮管理", "文化传播", "机械制造", "医疗器械", "建筑工程", "电子商务",
          "信息技术", "咨询", "投资", "实业", "电子", "环保", "教育科技", "广告", "食品", "服饰"]
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司"]
MAIL_DOMAINS = ["163.com", "qq.com", "126.com", "sina.com", "gmail.com", "foxmail.com", "hotmail.com"]
SALES = ["王芳", "刘强", "陈晨", "张伟", "李娜", "赵磊", "孙丽", "周杰"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "158",
                   "159", "170", "176", "177", "180", "181", "186", "187", "188", "189", "199"]
FULL = str.maketrans("0123456789-+", "０１２３４５６７８９－＋")
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
HEADER = ["姓名", "公司", "手机", "固定电话", "传真", "电子邮箱", "通讯地址", "邮政编码", "城市", "签单人员", "填表日期", "证件号码"]


def load_tables():
    """Pinyin (for pinyin forms and homophone slips) and simplified->traditional, from
    the tables rollcall itself ships."""
    pinyin = {}
    surnames = {}
    by_sound = {}
    with open(os.path.join(HERE, "..", "src", "text", "pinyin.txt"), encoding="utf-8") as f:
        lines = iter(f)
        for line in lines:
            if line.startswith("#surnames"):
                break
            syllable, chars = line.rstrip("\n").split("\t")
            for c in chars:
                pinyin[c] = syllable
        for line in lines:
            surname, syllables = line.rstrip("\n").split("\t")
            surnames[surname] = syllables.replace(" ", "")
    for c in set(GIVEN):
        by_sound.setdefault(pinyin.get(c), []).append(c)
    homophones = {c: [x for x in by_sound.get(pinyin.get(c), []) if x != c] for c in set(GIVEN)}
    to_trad = {}
    with open(os.path.join(HERE, "..", "src", "text", "t2s.txt"), encoding="utf-8") as f:
        for line in f:
            if len(line) >= 2:
                to_trad.setdefault(line[1], line[0])
    return pinyin, surnames, homophones, to_trad


PINYIN, SURNAME_PINYIN, HOMOPHONES, TO_TRAD = load_tables()


class Gen:
    def __init__(self, seed, rows):
        self.r = random.Random(seed)
        self.rows = rows
        self.companies = []
        self.big = []
        self.used_mobiles = set()
        self.used_lines = set()
        self.used_emails = set()

    # ----- values -----------------------------------------------------------------
    def han_name(self):
        r = self.r
        if r.random() < 0.04:
            return r.choice(COMMON)
        surname = r.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        n = 1 if r.random() < 0.35 else 2
        return surname + "".join(r.choice(GIVEN) for _ in range(n))

    def english_name(self):
        return self.r.choice(ENGLISH_FIRST) + " " + self.r.choice(ENGLISH_LAST)

    def mobile(self):
        while True:
            n = self.r.choice(MOBILE_PREFIXES) + "%08d" % self.r.randrange(10 ** 8)
            if n not in self.used_mobiles:
                self.used_mobiles.add(n)
                return n

    def line(self, code):
        while True:
            digits = 8
            n = str(self.r.randint(2, 8)) + "%0*d" % (digits - 1, self.r.randrange(10 ** (digits - 1)))
            if (code, n) not in self.used_lines:
                self.used_lines.add((code, n))
                return code + "-" + n

    def address(self, city):
        r = self.r
        return f"{city}市{r.choice(DISTRICTS)}{r.choice(ROADS)}{r.randint(1, 999)}号"

    def company(self):
        r = self.r
        city = r.choice(CITIES)
        name = r.choice(WORD_CHARS) + r.choice(WORD_CHARS) + r.choice(TRADES)
        return {
            "city": city[0],
            "name": name,
            "suffix": r.choice(SUFFIXES),
            "switchboard": self.line(city[1]),
            "fax": self.line(city[1]) if r.random() < 0.5 else "",
            "address": self.address(city[0]),
            "postcode": city[2] + "%04d" % r.randrange(10000),
            "domain": "".join(PINYIN.get(c, "x") for c in name[:2]) + str(r.randint(1, 99)) + ".com.cn",
            "info_mail": r.random() < 0.15,
        }

    def pick_company(self):
        r = self.r
        x = r.random()
        if x < 0.02:
            if len(self.big) < max(1, self.rows // 20000) or not self.big:
                self.big.append(self.company())
            return r.choice(self.big)
        if x < 0.4 and self.companies:
            return r.choice(self.companies)
        c = self.company()
        self.companies.append(c)
        if len(self.companies) > 5000:
            self.companies.pop(r.randrange(len(self.companies)))
        return c

    def id_number(self):
        r = self.r
        body = r.choice(["110101", "310104", "440106", "330106", "510107", "420102"]) + \
            "%04d%02d%02d" % (r.randint(1950, 2002), r.randint(1, 12), r.randint(1, 28)) + "%03d" % r.randrange(1000)
        return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS)) % 11]

    def person(self):
        r = self.r
        chinese = r.random() < 0.85
        name = self.han_name() if chinese else self.english_name()
        at_company = r.random() < 0.8
        c = self.pick_company() if at_company else None
        city = c["city"] if c else r.choice(CITIES)[0]
        code = next(x[1] for x in CITIES if x[0] == city)
        letters = "".join(PINYIN.get(ch, "") for ch in name) if chinese else name.replace(" ", ".").lower()
        p = {
            "name": name,
            "chinese": chinese,
            "company": c,
            "mobile": self.mobile() if r.random() < 0.88 else "",
            "landline": c["switchboard"] if c and r.random() < 0.7 else (self.line(code) if r.random() < 0.3 else ""),
            "fax": c["fax"] if c else "",
            "email": "",
            "address": c["address"] if c else (self.address(city) if r.random() < 0.6 else ""),
            "postcode": c["postcode"] if c else "",
            "city": city,
            "id": self.id_number() if not c and r.random() < 0.3 else "",
        }
        if r.random() < 0.65:
            if c and c["info_mail"] and r.random() < 0.5:
                p["email"] = "info@" + c["domain"]
            else:
                p["email"] = self.personal_email(letters, c)
        return p

    def personal_email(self, letters, company):
        """A personal address no one else has (a namesake gets another number)."""
        r = self.r
        at_work = company and r.random() < 0.5
        while True:
            if at_work:
                e = letters + "@" + company["domain"]
                at_work = False
            else:
                e = letters + str(r.randint(1, 9999)) + "@" + r.choice(MAIL_DOMAINS)
            if e not in self.used_emails:
                self.used_emails.add(e)
                return e

    # ----- corruptions -------------------------------------------------------------
    def name_form(self, p, copy):
        r = self.r
        name = p["name"]
        x = r.random()
        if copy and x < 0.03:
            return ""
        if not p["chinese"]:
            if copy and x < 0.15:
                first, last = name.split(" ")
                return r.choice([f"{last} {first}", name.upper(), f"{last}, {first}"])
            if copy and x < 0.19:
                return slip(r, name)
            return name
        if not copy:
            return name
        if x < 0.13:
            return " ".join(name) if len(name) == 2 else name[0] + " " + name[1:]
        if x < 0.23:
            return "".join(TO_TRAD.get(c, c) for c in name)
        if x < 0.35:
            syl = [SURNAME_PINYIN.get(name[0], PINYIN.get(name[0], ""))] + [PINYIN.get(c, "") for c in name[1:]]
            family, given = syl[0].capitalize(), "".join(syl[1:]).capitalize()
            return r.choice([f"{family} {given}", f"{given} {family}", f"{family} {given}".upper()])
        if x < 0.39:
            i = r.randrange(1, len(name))
            if HOMOPHONES.get(name[i]):
                return name[:i] + r.choice(HOMOPHONES[name[i]]) + name[i + 1:]
        return name

    def company_form(self, c, copy):
        if not c:
            return ""
        r = self.r
        x = r.random()
        if copy and x < 0.07:
            return ""
        if copy and x < 0.22:
            return f"{c['name']}({c['city']}){c['suffix']}"
        if copy and x < 0.32:
            return f"{c['city']}{c['name']}{r.choice(SUFFIXES)}"
        if copy and x < 0.4:
            return f"{c['name']}{c['suffix']}"
        return f"{c['city']}{c['name']}{c['suffix']}"

    def mobile_form(self, n, copy):
        r = self.r
        if not n or (copy and r.random() < 0.08):
            return ""
        x = r.random() if copy else 0.9
        if x < 0.2:
            return f"{n[:3]}-{n[3:7]}-{n[7:]}"
        if x < 0.35:
            return f"+86 {n[:3]} {n[3:7]} {n[7:]}"
        if x < 0.45:
            return n.translate(FULL)
        if x < 0.5:
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        return n

    def line_form(self, n, copy):
        r = self.r
        if not n or (copy and r.random() < 0.1):
            return ""
        x = r.random() if copy else 0.9
        code, num = n.split("-")
        if x < 0.2:
            return f"({code}){num}"
        if x < 0.3:
            return f"+86 {code[1:]} {num}"
        if x < 0.4:
            return n.translate(FULL)
        return n

    def email_form(self, e, copy):
        r = self.r
        if not e or (copy and r.random() < 0.12):
            return ""
        if copy and r.random() < 0.3:
            return e.upper() if r.random() < 0.5 else e[0].upper() + e[1:]
        return e

    def address_form(self, a, copy):
        r = self.r
        if not a or (copy and r.random() < 0.1):
            return ""
        x = r.random()
        if copy and x < 0.1:
            return a.replace("市", "", 1)
        if copy and x < 0.2:
            i = r.randrange(len(a))
            return a[:i] + a[i + 1:]
        return a

    def record(self, p, copy, date):
        r = self.r
        c = p["company"]
        return [
            self.name_form(p, copy),
            self.company_form(c, copy),
            self.mobile_form(p["mobile"], copy),
            self.line_form(p["landline"], copy),
            self.line_form(p["fax"], copy),
            self.email_form(p["email"], copy),
            self.address_form(p["address"], copy),
            "" if copy and r.random() < 0.15 else p["postcode"],
            "" if copy and r.random() < 0.2 else p["city"],
            r.choice(SALES),
            date,
            "" if copy and r.random() < 0.3 else p["id"],
        ]

    def date(self):
        r = self.r
        y, m, d = r.randint(2015, 2024), r.randint(1, 12), r.randint(1, 28)
        return r.choice([f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{y}年{m}月{d}日"])

    def rows_with_truth(self):
        out = []
        entity = 0
        while len(out) < self.rows:
            entity += 1
            p = self.person()
            copies = 1 if self.r.random() < 0.7 else self.r.choice([2, 2, 3, 3, 4, 5])
            for k in range(copies):
                out.append((entity, self.record(p, k > 0, self.date())))
        out = out[: self.rows]
        self.r.shuffle(out)
        return out


def slip(r, s):
    """One spelling slip in a Latin name: two neighbouring letters swapped."""
    i = r.randrange(1, len(s) - 2)
    if s[i] == " " or s[i + 1] == " ":
        return s
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rows = Gen(a.seed, a.rows).rows_with_truth()
    for path in (a.out, a.truth):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rec for _, rec in rows)
    with open(a.truth, "w", encoding="utf-8", newline="") as f:
        f.write("row,entity\n")
        f.write("".join(f"{i + 2},{e}\n" for i, (e, _) in enumerate(rows)))


if __name__ == "__main__":
    main()
