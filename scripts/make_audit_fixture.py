#!/usr/bin/env python3
"""Writes fixtures/audit/: the contact-validity audit of DOMAIN.md as files.

- customers_267.xlsx: 267 customers inherited from partners (title row above the
  header), each with a distinct, valid mainland number, five salespeople, harmless
  remarks.
- calls_267.xlsx: the filled call sheet. Its outcomes, written in the spellings callers
  use (没人接 / 无人接听 / no answer, 空号 / 停机 / 號碼不存在, ...), give exactly the
  DOMAIN.md table: 133 valid (49.8%) and 134 invalid (50.2%), each side by reason.

The sheet also exercises what the classifier must get right:
- customers called several times, where the latest result decides (rows out of date
  order included, dates as date cells and as text);
- customers called three times without an answer or with the line busy: unreachable
  (6 of the 11; the other 5 say so in words);
- results with no customer id, matched by the phone written differently
  (+86 139 1234 5678, 0086-..., 139-1234-5678);
- two results that match no customer and one outcome the vocabulary does not know:
  listed in the report, deciding nothing.

Deterministic: the same content on every run (xlsx timestamps aside). Needs openpyxl;
checks every number with the `phonenumbers` package when it is installed. The files are
committed, so tests never run this.
"""
import datetime
import os
import random

import openpyxl
from openpyxl.styles import Font

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "audit")

# DOMAIN.md: invalid by reason, valid by what the call learned.
INVALID = [("no_answer", 44), ("busy", 4), ("wrong_number", 22), ("unreachable", 11), ("fax", 10), ("disconnected", 43)]
VALID = [
    ("联动商机提供", 10),
    ("在伙伴服务期限内", 32),
    ("更换代理商的客户", 13),
    ("不需要服务的客户", 56),
    ("有抵触情绪的客户", 6),
    ("不清楚自己服务商的客户", 14),
    ("其它情况(停用或更换软件)", 2),
]

# How callers write each outcome.
SPELLINGS = {
    "no_answer": ["无人接听", "没人接", "no answer", "無人接聽", "响铃无人接", "未接听", "No Answer"],
    "busy": ["占线", "忙音", "line busy", "通话中"],
    "wrong_number": ["号码不符", "信息与号码不符合", "不是本人", "wrong number", "查无此人", "打错了"],
    "unreachable": ["一直联系不上", "联系不上", "打不通", "never reachable", "无法接通"],
    "fax": ["传真", "传真音", "fax tone", "传真机", "Fax machine"],
    "disconnected": ["空号", "停机", "号码不存在", "停机空号", "空號", "vacant number", "已停机"],
    "联动商机提供": ["联动商机提供", "有商机", "business opportunity", "商机提供"],
    "在伙伴服务期限内": ["在伙伴服务期限内", "在服务期内", "伙伴服务期内", "within service period"],
    "更换代理商的客户": ["更换代理商", "换了代理商", "changed reseller", "更换代理商的客户"],
    "不需要服务的客户": ["不需要服务", "不需要", "暂不需要", "not interested", "不需要服务的客户", "no need"],
    "有抵触情绪的客户": ["有抵触情绪", "态度恶劣", "hung up", "抵触"],
    "不清楚自己服务商的客户": ["不清楚自己服务商", "不知道服务商", "不清楚服务商", "unknown provider"],
    "其它情况(停用或更换软件)": ["其它情况（停用或更换软件）", "停用软件"],
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["建国", "秀英", "志强", "丽华", "海涛", "雪梅", "文博", "晓燕", "振华", "美玲", "国栋", "春兰",
         "明辉", "桂芳", "子轩", "欣怡", "浩然", "婉清", "立新", "静怡", "宏伟", "玉珍", "俊杰", "慧敏"]
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "苏州", "天津", "重庆",
          "长沙", "郑州", "济南", "青岛", "厦门", "福州", "合肥", "昆明", "沈阳", "大连"]
WORDS = ["华信", "恒达", "金桥", "远航", "博雅", "鼎盛", "新元", "瑞丰", "宏图", "启明", "天成", "永昌",
         "安泰", "汇通", "嘉禾", "盛世", "凯旋", "百川"]
TRADES = ["科技有限公司", "贸易有限公司", "机械制造有限公司", "食品有限公司", "建筑工程有限公司",
          "物流有限公司", "医疗器械有限公司", "服装有限公司", "电子有限公司", "文化传媒有限公司",
          "化工有限公司", "家具有限公司", "印刷有限公司"]
SALES = ["王伟", "李娜", "张敏", "刘洋", "陈静"]  # weights in salesperson() follow this order
CALLERS = ["话务员赵一", "话务员钱二", "话务员孙三"]
REMARKS = ["老客户", "展会获取", "客户推荐", "", "", "", "年度合同", "上门拜访过"]
MOBILE_PREFIXES = ["139", "138", "135", "150", "186", "188", "137", "158"]
LANDLINE_AREAS = [("010", "6"), ("021", "5"), ("020", "8"), ("0755", "8"), ("0571", "8"), ("025", "8")]


def salesperson(rng, meaning):
    """Partners' lists differ: 陈静's is the worst, 刘洋's the best."""
    weights = [1, 1, 1, 1, 1]
    if meaning in dict(INVALID):
        weights = [3, 2, 2, 1, 4]
    return rng.choices(SALES, weights)[0]


def customers(decided):
    """267 distinct customers: (id, name, company, mobile, landline, salesperson, remark)."""
    rng = random.Random(267)
    names = [s + g for s in SURNAMES for g in GIVEN]
    rng.shuffle(names)
    companies = [c + w + t for c in CITIES for w in WORDS for t in TRADES]
    rng.shuffle(companies)
    numbers = rng.sample(range(10_000_000, 100_000_000), 600)
    out = []
    for i in range(267):
        prefix = MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]
        mobile = f"{prefix}{numbers[i]:08d}"
        landline = ""
        if i % 3 == 0:
            area, first = LANDLINE_AREAS[i % len(LANDLINE_AREAS)]
            landline = f"{area}-{first}{numbers[300 + i] % 10_000_000:07d}"
        out.append((
            f"YY{i + 1:04d}",
            names[i],
            companies[i],
            mobile,
            landline,
            salesperson(rng, decided[i]),
            REMARKS[i % len(REMARKS)],
        ))
    return out


def check_numbers(rows):
    try:
        import phonenumbers
    except ImportError:
        print("phonenumbers not installed: numbers not checked")
        return
    seen = set()
    for row in rows:
        for raw in (row[3], row[4]):
            if not raw:
                continue
            n = phonenumbers.parse(raw, "CN")
            assert phonenumbers.is_valid_number(n), raw
            e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
            assert e164 not in seen, raw
            seen.add(e164)


def outcomes(rng):
    """The outcome that decides each of the 267 customers, shuffled."""
    decided = [code for code, n in INVALID for _ in range(n)] + [label for label, n in VALID for _ in range(n)]
    assert len(decided) == 267
    rng.shuffle(decided)
    return decided


class Sheet:
    """The call sheet's rows as they are written: (id, name, phone, outcome, date, caller, note)."""

    def __init__(self, rng):
        self.rng = rng
        self.rows = []
        self.turn = {}

    def spell(self, meaning):
        """The next spelling of an outcome, in turn, so every variant is used."""
        k = self.turn.get(meaning, 0)
        self.turn[meaning] = k + 1
        variants = SPELLINGS[meaning]
        return variants[k % len(variants)]

    def call(self, customer, meaning, day, by_phone=None, note=""):
        cid, name, _, mobile, *_ = customer
        date = datetime.date(2024, 3, 1) + datetime.timedelta(days=day)
        # Every fifth date is typed as text, the way people do.
        written = date if len(self.rows) % 5 else f"{date.year}/{date.month}/{date.day}"
        phone = mobile if by_phone is None else by_phone
        self.rows.append([
            "" if by_phone is not None else cid,
            name,
            phone,
            self.spell(meaning) if meaning in SPELLINGS else meaning,
            written,
            CALLERS[len(self.rows) % len(CALLERS)],
            note,
        ])


def respelled(mobile, k):
    """The same mobile number written another way."""
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    return [f"+86 {a} {b} {c}", f"0086-{a}-{b}-{c}", f"{a}-{b}-{c}", f"+86{mobile}"][k % 4]


def calls(rows, decided):
    rng = random.Random(133)
    sheet = Sheet(rng)
    counters = {}
    by_phone = 0
    for customer, meaning in zip(rows, decided):
        k = counters.get(meaning, 0)
        counters[meaning] = k + 1
        day = rng.randrange(3, 18)
        if meaning == "unreachable" and k < 6:
            # Three failed calls in a row: no answer or busy.
            for n, fail in enumerate(["no_answer", "busy" if k % 2 else "no_answer", "no_answer"]):
                sheet.call(customer, fail, day - 3 + 2 * n)
            continue
        if meaning == "no_answer" and k < 8:
            sheet.call(customer, "no_answer" if k % 2 else "busy", day - 2)
        if meaning == "busy" and k == 0:
            sheet.call(customer, "no_answer", day - 2)
        if meaning in dict(VALID) and k < 3:
            # Reached at the third try, after two failures.
            sheet.call(customer, "no_answer", day - 3)
            sheet.call(customer, "busy", day - 2)
        if meaning == "disconnected" and k < 2:
            # An old result from last campaign, overtaken by the new one.
            sheet.call(customer, "在伙伴服务期限内", day - 3)
        if meaning == "不需要服务的客户" and k < 2:
            # Written after the decisive call but dated before it.
            sheet.call(customer, meaning, day)
            sheet.call(customer, "no_answer", day - 2, note="补录")
            continue
        if k % 9 == 4 and by_phone < 16:
            sheet.call(customer, meaning, day, by_phone=respelled(customer[3], by_phone))
            by_phone += 1
            continue
        sheet.call(customer, meaning, day)
    # Results that decide nothing: no such customer, and an outcome nobody defined.
    sheet.rows.append(["YY9999", "不存在的客户", "13700000000", "没人接", datetime.date(2024, 3, 9), CALLERS[0], ""])
    sheet.rows.append(["", "路人甲", "+86 150 0000 0000", "空号", datetime.date(2024, 3, 9), CALLERS[1], ""])
    sheet.rows.append([rows[0][0], rows[0][1], rows[0][3], "下周再打", datetime.date(2024, 2, 1), CALLERS[2], "客户在开会"])
    rng.shuffle(sheet.rows)
    return sheet.rows, by_phone


def write_customers(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "伙伴客户"
    ws["A1"] = "伙伴移交客户一览表（2024年第一季度核实）"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    header = ["客户编号", "联系人", "工作单位", "手机", "固定电话", "签单人员", "通讯地址", "备注"]
    for c, h in enumerate(header, 1):
        ws.cell(row=3, column=c, value=h).font = Font(bold=True)
    for r, (cid, name, company, mobile, landline, sales, remark) in enumerate(rows, 4):
        address = f"{company[:2]}市{['中山', '人民', '解放', '建设'][r % 4]}路{r}号"
        for c, v in enumerate([cid, name, company, mobile, landline, sales, address, remark], 1):
            if v:
                ws.cell(row=r, column=c, value=v).number_format = "@"
    wb.save(os.path.join(ROOT, "customers_267.xlsx"))


def write_calls(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回访记录"
    header = ["客户编号", "联系人", "联系电话", "通话结果", "通话日期", "呼叫人", "备注"]
    for c, h in enumerate(header, 1):
        ws.cell(row=1, column=c, value=h).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row, 1):
            if v == "":
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.number_format = "@"
    wb.save(os.path.join(ROOT, "calls_267.xlsx"))


def main():
    os.makedirs(ROOT, exist_ok=True)
    decided = outcomes(random.Random(134))
    rows = customers(decided)
    check_numbers(rows)
    call_rows, by_phone = calls(rows, decided)
    write_customers(rows)
    write_calls(call_rows)
    print(f"wrote {len(rows)} customers and {len(call_rows)} call results ({by_phone} by phone only) to {ROOT}")


if __name__ == "__main__":
    main()
