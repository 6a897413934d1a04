#!/usr/bin/env python3
"""Writes a large messy customer list (CSV, UTF-8) for the reading and normalizing
benchmarks: Chinese headers, names, companies, addresses, phones in many written forms
(dashes, spaces, +86, full-width digits, extensions, two numbers in a cell), emails,
dates in several forms, remarks. About 150 bytes per row.

    python3 benches/gen_list.py --rows 1000000 --out bench-data/list_1m.csv

Deterministic for a given --seed.
"""
import argparse
import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞玉兰萍红建国建华志强海燕亮婷雪梅琳晨宇浩然子轩欣怡梓涵一诺思远俊杰文博嘉怡"
CITIES = [("北京", "010"), ("上海", "021"), ("广州", "020"), ("深圳", "0755"), ("杭州", "0571"),
          ("南京", "025"), ("成都", "028"), ("武汉", "027"), ("西安", "029"), ("苏州", "0512"),
          ("天津", "022"), ("重庆", "023"), ("厦门", "0592"), ("青岛", "0532"), ("长沙", "0731")]
TRADES = ["科技", "贸易", "物流", "软件", "餐饮管理", "文化传播", "机械制造", "医疗器械", "建筑工程", "电子商务"]
WORDS = ["华信", "明达", "天河", "长江", "西湖", "前海", "金桥", "东方", "瑞丰", "鼎盛", "恒通", "宏远", "新世纪", "中联", "博雅"]
SUFFIX = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
DOMAINS = ["163.com", "qq.com", "126.com", "sina.com", "gmail.com", "foxmail.com", "qq.con", "163.cm"]
SALES = ["王芳", "刘强", "陈晨", "张伟", "李娜", "赵磊"]
REMARKS = ["", "", "", "老客户", "无人接听", "空号", "需回访", "传真", "已签约", "占线"]
FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")


def mobile(r):
    n = str(r.choice([130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 158, 186, 188, 199])) + \
        "".join(r.choice("0123456789") for _ in range(8))
    form = r.random()
    if form < 0.45:
        return n
    if form < 0.6:
        return f"{n[:3]}-{n[3:7]}-{n[7:]}"
    if form < 0.72:
        return f"+86 {n[:3]} {n[3:7]} {n[7:]}"
    if form < 0.8:
        return n.translate(FULL)
    if form < 0.88:
        return n + " / " + "139" + "".join(r.choice("0123456789") for _ in range(8))
    if form < 0.94:
        return n[:-1]  # a digit lost
    return ""


def landline(r, code):
    n = r.choice("2345678") + "".join(r.choice("0123456789") for _ in range(7 if len(code) == 3 else 6))
    form = r.random()
    if form < 0.5:
        return f"{code}-{n}"
    if form < 0.65:
        return f"({code}){n}"
    if form < 0.75:
        return f"{code}-{n}转{r.randint(100, 899)}"
    if form < 0.85:
        return n  # area code missing
    return ""


def date(r):
    y, m, d = r.randint(2015, 2024), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f"{y}-{m:02}-{d:02}", f"{y}/{m}/{d}", f"{y}年{m}月{d}日", f"{y}.{m:02}.{d:02}"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    r = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("编号,姓名,手机,座机,工作单位,通讯地址,邮箱,签单人员,填表日期,备注\n")
        lines = []
        for i in range(1, args.rows + 1):
            city, code = r.choice(CITIES)
            name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))
            company = city + r.choice(WORDS) + r.choice(TRADES) + r.choice(SUFFIX)
            address = f"{city}市{r.choice(WORDS)}路{r.randint(1, 999)}号{r.randint(1, 30)}楼"
            email = f"user{r.randint(1, 10**7)}@{r.choice(DOMAINS)}" if r.random() < 0.6 else ""
            lines.append(",".join([str(i), name, mobile(r), landline(r, code), company, address, email,
                                   r.choice(SALES), date(r), r.choice(REMARKS)]))
            if len(lines) == 10000:
                f.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
