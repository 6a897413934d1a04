#!/usr/bin/env python3
"""A second, independent generator of messy zh/en contact lists with ground truth.

    python3 benches/gen_contacts.py --rows 10000 -o bench-data/contacts_10000.csv \
        [--truth T.csv] [--explain E.csv] [--seed 1] [--lang zh|en]

Written from issue #11's list "What real lists do", without the code or the choices of
benches/gen_customers.py, so that rollcall's matching is measured on a list its
defaults were not set on.

The list holds:
- Chinese persons (surnames drawn by their real frequency, given names of 1 or 2
  characters), most of them contacts at Chinese companies;
- Latin-named persons, most in the US (US numbers written `(267) 851-1132`, a US
  street address, a city and a state column so their country can be inferred), some in
  the UK (London, +44 numbers, UK postcodes);
- companies on their own (no contact name: switchboard, address, info@ email).
Colleagues at one company share its switchboard (often with their own extension, `转203`,
`x203`), its address and postcode, and are different people. Some different people carry
one name (a common one, or a copy of another's), a few of them at the same company.

About 30% of the entities appear 2 to 4 times. Each later copy may carry: a given-name
character replaced (a homophone or not) or dropped, traditional characters, a space inside
the name; Latin typos, `Last, First`, swapped order, all capitals or all lower case; the
company's legal suffix dropped or shortened, traditional characters; email case changed,
a number added to the user name, another domain; full-width digits in the address,
`Ave` / `Avenue`; and a person moving: a new mobile (5% of copies), a new email (8%), a
new landline (10%), a new address (5%), a postcode typed wrong (4%). Every row writes its
numbers in one of many forms (`0086`, `(+86)`, `86-`, full-width digits, spaces, dashes,
extensions). Fields are left empty now and then, as in any list.

Outputs:
- the list (UTF-8 CSV; headers in Chinese with --lang zh, in English with --lang en;
  default: chosen by the seed);
- the truth (`row,entity`), `row` being the line of the record in the CSV as a person sees
  it (header on line 1, first record on line 2): rollcall's Lineage `source_row`;
- with --explain, per row of an entity that appears more than once: its copy number,
  the variations applied to it against the entity's own values (`name:homophone` ...),
  the written forms (`mobile:0086` ...) and the fields left empty.
Deterministic for a given --seed.
"""
import argparse
import csv
import os
import random

# --------------------------------------------------------------------------- pools

# Surname, pinyin, share of the population in % (2020 census order, approximate).
SURNAMES = [
    ("王", "wang", 7.1), ("李", "li", 7.0), ("张", "zhang", 6.7), ("刘", "liu", 5.4), ("陈", "chen", 4.6),
    ("杨", "yang", 3.1), ("黄", "huang", 2.5), ("赵", "zhao", 2.3), ("吴", "wu", 2.0), ("周", "zhou", 1.9),
    ("徐", "xu", 1.5), ("孙", "sun", 1.5), ("马", "ma", 1.3), ("朱", "zhu", 1.3), ("胡", "hu", 1.2),
    ("郭", "guo", 1.1), ("何", "he", 1.0), ("林", "lin", 0.97), ("罗", "luo", 0.87), ("高", "gao", 0.87),
    ("郑", "zheng", 0.8), ("梁", "liang", 0.7), ("谢", "xie", 0.7), ("宋", "song", 0.6), ("唐", "tang", 0.6),
    ("许", "xu", 0.5), ("韩", "han", 0.5), ("冯", "feng", 0.5), ("邓", "deng", 0.5), ("曹", "cao", 0.5),
    ("彭", "peng", 0.45), ("曾", "zeng", 0.45), ("肖", "xiao", 0.4), ("田", "tian", 0.4), ("董", "dong", 0.4),
    ("袁", "yuan", 0.4), ("潘", "pan", 0.35), ("于", "yu", 0.35), ("蒋", "jiang", 0.35), ("蔡", "cai", 0.35),
    ("余", "yu", 0.35), ("杜", "du", 0.3), ("叶", "ye", 0.3), ("程", "cheng", 0.3), ("苏", "su", 0.3),
    ("魏", "wei", 0.3), ("吕", "lv", 0.3), ("丁", "ding", 0.3), ("任", "ren", 0.3), ("沈", "shen", 0.28),
    ("姚", "yao", 0.27), ("卢", "lu", 0.27), ("姜", "jiang", 0.27), ("崔", "cui", 0.25), ("钟", "zhong", 0.25),
    ("谭", "tan", 0.24), ("陆", "lu", 0.23), ("汪", "wang", 0.22), ("范", "fan", 0.22), ("金", "jin", 0.22),
    ("石", "shi", 0.2), ("廖", "liao", 0.2), ("贾", "jia", 0.2), ("夏", "xia", 0.2), ("韦", "wei", 0.2),
    ("付", "fu", 0.2), ("方", "fang", 0.2), ("白", "bai", 0.18), ("邹", "zou", 0.18), ("孟", "meng", 0.17),
    ("熊", "xiong", 0.17), ("秦", "qin", 0.17), ("邱", "qiu", 0.17), ("江", "jiang", 0.16), ("尹", "yin", 0.16),
    ("薛", "xue", 0.15), ("闫", "yan", 0.15), ("段", "duan", 0.14), ("雷", "lei", 0.14), ("侯", "hou", 0.14),
    ("龙", "long", 0.14), ("史", "shi", 0.13), ("陶", "tao", 0.12), ("黎", "li", 0.12), ("贺", "he", 0.12),
    ("顾", "gu", 0.12), ("毛", "mao", 0.12), ("郝", "hao", 0.11), ("龚", "gong", 0.11), ("邵", "shao", 0.11),
    ("万", "wan", 0.11), ("钱", "qian", 0.11), ("严", "yan", 0.1), ("覃", "qin", 0.1), ("武", "wu", 0.1),
    ("戴", "dai", 0.1), ("莫", "mo", 0.1), ("孔", "kong", 0.1), ("欧阳", "ouyang", 0.05), ("司马", "sima", 0.01),
]

# Given-name characters with their pinyin (tone left out); characters that share a pinyin
# are the homophones a typist picks by mistake.
GIVEN_CHARS = (
    "伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming "
    "超chao 秀xiu 霞xia 平ping 刚gang 桂gui 英ying 华hua 玉yu 兰lan 萍ping 红hong 燕yan 鹏peng 辉hui 建jian "
    "国guo 文wen 斌bin 宇yu 浩hao 凯kai 健jian 俊jun 帆fan 帅shuai 旭xu 宁ning 龙long 林lin 欣xin 佳jia "
    "婷ting 雪xue 琳lin 晨chen 颖ying 倩qian 慧hui 丹dan 波bo 海hai 峰feng 飞fei 亮liang 志zhi 新xin 春chun "
    "晓xiao 梅mei 莉li 琴qin 云yun 蕾lei 璐lu 鑫xin 博bo 子zi 梓zi 涵han 轩xuan 怡yi 雨yu 思si 嘉jia 诗shi "
    "睿rui 泽ze 一yi 晶jing 元yuan 东dong 成cheng 永yong 德de 金jin 玲ling 凤feng 清qing 庆qing 立li 力li "
    "杨yang 阳yang 颜yan 彦yan 景jing 菁jing 振zhen 震zhen 君jun 钧jun 秋qiu 冬dong 坤kun 昆kun 荣rong 蓉rong"
).split()
GIVEN = [(c[0], c[1:]) for c in GIVEN_CHARS]
PINYIN = {c: p for c, p in GIVEN}
for _s, _p, _w in SURNAMES:
    PINYIN.setdefault(_s, _p)
HOMOPHONES = {}
for _c, _p in GIVEN:
    HOMOPHONES.setdefault(_p, []).append(_c)

# Simplified -> traditional, for the characters of these pools.
TRAD = dict(zip(
    "伟丽强军艳杰娟涛华兰红鹏辉国斌宇凯健俊帅宁龙颖倩飞亮晓梅莉琴云蕾鑫涵轩诗睿泽东钧荣张刘陈杨黄赵吴孙马郑谢韩冯邓"
    "许叶苏卢钟谭陆贾韦邹熊闫龚万钱严顾汤罗团发实业贸电网络业设备医疗器械传媒资询东莞广州苏杭汉长庆郑业圳区龙门路号楼层厦园务运气车"
    "书价厂产术动贵",
    "偉麗強軍艷傑娟濤華蘭紅鵬輝國斌宇凱健俊帥寧龍穎倩飛亮曉梅莉琴雲蕾鑫涵軒詩睿澤東鈞榮張劉陳楊黃趙吳孫馬鄭謝韓馮鄧"
    "許葉蘇盧鍾譚陸賈韋鄒熊閆龔萬錢嚴顧湯羅團發實業貿電網絡業設備醫療器械傳媒資詢東莞廣州蘇杭漢長慶鄭業圳區龍門路號樓層廈園務運氣車"
    "書價廠產術動貴",
))

# City, province, area code, postcode prefix (3 digits), districts.
CN_CITIES = [
    ("北京", "北京市", "010", "100", ["朝阳区", "海淀区", "东城区", "丰台区"]),
    ("上海", "上海市", "021", "200", ["浦东新区", "徐汇区", "静安区", "闵行区"]),
    ("广州", "广东省", "020", "510", ["天河区", "越秀区", "海珠区", "白云区"]),
    ("深圳", "广东省", "0755", "518", ["南山区", "福田区", "宝安区", "龙岗区"]),
    ("杭州", "浙江省", "0571", "310", ["西湖区", "滨江区", "拱墅区", "余杭区"]),
    ("南京", "江苏省", "025", "210", ["鼓楼区", "玄武区", "建邺区", "江宁区"]),
    ("成都", "四川省", "028", "610", ["武侯区", "锦江区", "青羊区", "高新区"]),
    ("武汉", "湖北省", "027", "430", ["江汉区", "武昌区", "洪山区", "汉阳区"]),
    ("西安", "陕西省", "029", "710", ["雁塔区", "碑林区", "未央区", "长安区"]),
    ("苏州", "江苏省", "0512", "215", ["姑苏区", "工业园区", "吴中区", "相城区"]),
    ("天津", "天津市", "022", "300", ["和平区", "南开区", "河西区", "滨海新区"]),
    ("重庆", "重庆市", "023", "400", ["渝中区", "江北区", "沙坪坝区", "九龙坡区"]),
    ("东莞", "广东省", "0769", "523", ["南城区", "东城区", "长安镇", "虎门镇"]),
    ("郑州", "河南省", "0371", "450", ["金水区", "二七区", "中原区", "郑东新区"]),
    ("长沙", "湖南省", "0731", "410", ["岳麓区", "芙蓉区", "天心区", "开福区"]),
]
CN_CITY_WEIGHTS = [14, 13, 10, 11, 7, 6, 6, 5, 4, 5, 4, 4, 3, 3, 3]
ROADS = ["人民", "建设", "解放", "中山", "和平", "新华", "长江", "黄河", "科技", "创业", "文化", "学院", "滨江",
         "东风", "胜利", "光明", "友谊", "青年", "迎宾", "工业", "金融", "世纪", "花园", "南京", "北京", "延安"]
ROAD_KINDS = ["路", "路", "街", "大街", "大道"]
BUILDINGS = ["大厦", "中心", "广场", "科技园", "商务楼", "国际大厦"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
                   "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198", "199"]
CN_BRANDS = ["华创", "盛达", "恒信", "宏远", "金鼎", "天成", "永泰", "鑫源", "博雅", "中联", "瑞丰", "嘉禾", "汇通",
             "海纳", "正泰", "德润", "安信", "润和", "东方", "新世纪", "长城", "万达", "星辰", "蓝海", "志成",
             "明德", "弘业", "远景", "中科", "卓越", "宏图", "锦程", "同创", "富强", "祥和", "腾飞", "立信",
             "丰泽", "启明", "恒通", "华夏", "众诚", "广源", "金桥", "银河", "泰和", "九州", "天宇", "新峰", "云帆"]
CN_TRADES = ["科技", "贸易", "电子", "实业", "网络科技", "建筑工程", "物流", "医疗器械", "食品", "机械设备",
             "文化传媒", "投资", "咨询", "软件", "环保科技", "汽车服务", "教育咨询", "印务", "电气", "化工"]
CN_SUFFIXES = [("有限公司", 60), ("有限责任公司", 15), ("股份有限公司", 12), ("集团有限公司", 8), ("公司", 5)]
PERSONAL_DOMAINS_CN = ["qq.com", "163.com", "126.com", "sina.com", "139.com", "hotmail.com", "gmail.com",
                       "foxmail.com", "yeah.net", "aliyun.com"]

FIRST_NAMES = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
               "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher",
               "Karen", "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark",
               "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua",
               "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah",
               "Timothy", "Stephanie", "Ronald", "Rebecca", "Jason", "Laura", "Edward", "Sharon", "Jeffrey",
               "Cynthia", "Ryan", "Kathleen", "Jacob", "Amy", "Gary", "Angela", "Nicholas", "Shirley", "Eric",
               "Anna", "Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "Charlie", "Freya", "Alfie", "Poppy"]
LAST_NAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
              "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
              "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
              "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
              "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
              "Carter", "Roberts", "Evans", "Turner", "Phillips", "Parker", "Edwards", "Collins", "Stewart",
              "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell",
              "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray",
              "James", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "McCarthy", "O'Brien",
              "Fitzgerald", "Sullivan", "Patel", "Shaw", "Holmes", "Palmer", "Hunt", "Black", "Ellis", "Lawson"]
# City, state, area codes, ZIP prefix (3 digits).
US_CITIES = [
    ("Philadelphia", "PA", ["215", "267"], "191"), ("Seattle", "WA", ["206"], "981"),
    ("New York", "NY", ["212", "646", "917"], "100"), ("Chicago", "IL", ["312", "773"], "606"),
    ("Los Angeles", "CA", ["213", "310", "323"], "900"), ("Boston", "MA", ["617"], "021"),
    ("Houston", "TX", ["713", "832"], "770"), ("Atlanta", "GA", ["404", "678"], "303"),
    ("Denver", "CO", ["303", "720"], "802"), ("Miami", "FL", ["305", "786"], "331"),
    ("San Francisco", "CA", ["415"], "941"), ("Phoenix", "AZ", ["602", "480"], "850"),
    ("Tacoma", "WA", ["253"], "984"), ("Dallas", "TX", ["214", "469"], "752"),
    ("Portland", "OR", ["503", "971"], "972"), ("Minneapolis", "MN", ["612"], "554"),
]
US_STREETS = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset",
              "Lincoln", "Jefferson", "Madison", "Franklin", "Highland", "Chestnut", "Walnut", "Spruce", "Market",
              "Broad", "Church", "River", "Forest", "Meadow", "Ridge", "Union", "Center", "Mill", "Spring"]
# Long and short form of a street type.
US_STREET_TYPES = [("Avenue", "Ave"), ("Street", "St"), ("Road", "Rd"), ("Boulevard", "Blvd"), ("Drive", "Dr"),
                   ("Lane", "Ln")]
UK_STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road",
              "Park Road", "Queens Road", "Kings Road", "London Road", "Mill Lane", "Grove Road"]
UK_OUTWARD = ["SW1A", "EC1A", "W1D", "N1", "E14", "SE1", "NW3", "WC2H", "SW11", "E1"]
EN_BRANDS = ["Summit", "Pioneer", "Bluewater", "Northstar", "Granite", "Liberty", "Evergreen", "Keystone", "Redwood",
             "Harbor", "Silverline", "Ironbridge", "Clearview", "Horizon", "Atlas", "Beacon", "Cobalt", "Crescent",
             "Falcon", "Meridian", "Oakridge", "Pinnacle", "Riverside", "Sterling", "Trident", "Vanguard",
             "Westfield", "Zenith", "Apex", "Brightwater"]
EN_TRADES = ["Logistics", "Software", "Trading", "Medical Supply", "Foods", "Engineering", "Capital", "Consulting",
             "Electronics", "Packaging", "Textiles", "Analytics", "Imports", "Construction", "Media"]
# Legal suffix: written form, short forms, weight.
EN_SUFFIXES = [("Co., Ltd.", ["Co Ltd", "Co. Ltd", "Ltd"], 25), ("Inc.", ["Inc", "Incorporated"], 25),
               ("Group", ["Grp.", "Grp"], 15), ("LLC", ["L.L.C."], 15), ("Corporation", ["Corp.", "Corp"], 10),
               ("Company Limited", ["Co Ltd", "Co. Limited", "Ltd"], 10)]
PERSONAL_DOMAINS_EN = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "aol.com", "icloud.com",
                       "comcast.net", "protonmail.com"]

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

HEADERS = {
    "zh": ["姓名", "公司名称", "手机", "座机", "邮箱", "地址", "城市", "省份", "邮编"],
    "en": ["Name", "Company", "Mobile", "Office Phone", "Email", "Address", "City", "State/Province", "Postcode"],
}
FIELDS = ["name", "company", "mobile", "landline", "email", "address", "city", "state", "postcode"]


# --------------------------------------------------------------------------- helpers

def pick(rng, weighted):
    """One item of [(item, weight), ...]."""
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for item, w in weighted:
        x -= w
        if x < 0:
            return item
    return weighted[-1][0]


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def traditional(s):
    return "".join(TRAD.get(c, c) for c in s)


# --------------------------------------------------------------------------- entities

class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.used_mobiles = set()
        self.used_landlines = set()
        self.used_emails = set()
        self.surname_weights = [(s, w) for s, _, w in SURNAMES]
        self.companies_cn = []
        self.companies_us = []
        self.company_names = set()

    # ---- numbers
    def cn_mobile(self):
        while True:
            m = self.rng.choice(MOBILE_PREFIXES) + digits(self.rng, 8)
            if m not in self.used_mobiles:
                self.used_mobiles.add(m)
                return m

    def cn_landline(self, area):
        while True:
            local = self.rng.choice("2345678") + digits(self.rng, 7)
            if (area, local) not in self.used_landlines:
                self.used_landlines.add((area, local))
                return (area, local)

    def us_number(self, codes):
        while True:
            exch = self.rng.choice("23456789") + digits(self.rng, 2)
            if exch[1:] == "11" or exch == "555":
                continue
            n = (self.rng.choice(codes), exch, digits(self.rng, 4))
            if n not in self.used_landlines:
                self.used_landlines.add(n)
                return n

    def uk_mobile(self):
        while True:
            n = "7" + self.rng.choice("45789") + digits(self.rng, 8)
            if n not in self.used_mobiles:
                self.used_mobiles.add(n)
                return ("44", n)

    def uk_landline(self):
        while True:
            n = ("44", "20", self.rng.choice("378") + digits(self.rng, 7))
            if n not in self.used_landlines:
                self.used_landlines.add(n)
                return n

    def unique_email(self, user, domain):
        email = f"{user}@{domain}"
        k = 2
        while email in self.used_emails:
            email = f"{user}{k}@{domain}"
            k += 1
        self.used_emails.add(email)
        return email

    # ---- places
    def cn_address(self, city, company_name=None):
        rng = self.rng
        name, _prov, _area, pc, districts = city
        road = rng.choice(ROADS) + rng.choice(ROAD_KINDS)
        num = rng.randint(1, 999)
        addr = f"{name}市{rng.choice(districts)}{road}{num}号"
        if company_name is not None or rng.random() < 0.5:
            brand = rng.choice(CN_BRANDS)
            addr += f"{brand}{rng.choice(BUILDINGS)}{rng.randint(1, 30)}楼"
            if rng.random() < 0.5:
                addr += f"{rng.randint(1, 30):02d}{rng.randint(1, 20):02d}室"
        else:
            addr += f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 30)}0{rng.randint(1, 6)}"
        return addr, pc + digits(rng, 3)

    def us_address(self, city):
        rng = self.rng
        long, short = rng.choice(US_STREET_TYPES)
        street = rng.choice(US_STREETS)
        num = rng.randint(10, 9999)
        suite = f" Suite {rng.randint(1, 30)}00" if rng.random() < 0.25 else ""
        return {"num": num, "street": street, "type": (long, short), "suite": suite}, city[3] + digits(rng, 2)

    def uk_address(self):
        rng = self.rng
        outward = rng.choice(UK_OUTWARD)
        inward = rng.choice("123456789") + rng.choice("ABDEFGHJLNPQRSTUWXYZ") + rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        return f"{rng.randint(1, 250)} {rng.choice(UK_STREETS)}", f"{outward} {inward}"

    # ---- companies
    def new_company(self, kind):
        rng = self.rng
        if kind == "cn":
            city = CN_CITIES[pick(rng, list(enumerate(CN_CITY_WEIGHTS)))]
            for tries in range(1000):
                brands = 1 if tries < 3 else (2 if tries < 10 else 3)
                core = "".join(rng.choice(CN_BRANDS) for _ in range(brands)) + rng.choice(CN_TRADES)
                if core not in self.company_names:
                    break
            self.company_names.add(core)
            suffix = pick(rng, CN_SUFFIXES)
            with_city = rng.random() < 0.7
            address, postcode = self.cn_address(city, core)
            pinyin_brand = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(3, 6)))
            return {
                "kind": "cn", "city": city, "core": core, "suffix": suffix,
                "prefix": city[0] if with_city else "",
                "switchboard": self.cn_landline(city[2]), "address": address, "postcode": postcode,
                "domain": f"{pinyin_brand}{rng.choice(['', 'tech', 'cn', 'group'])}.{rng.choice(['com', 'cn', 'com.cn'])}",
                "contacts": 0,
            }
        city = rng.choice(US_CITIES)
        for tries in range(1000):
            if tries < 3:
                core = f"{rng.choice(EN_BRANDS)} {rng.choice(EN_TRADES)}"
            elif tries < 10:
                core = f"{rng.choice(EN_BRANDS)} {rng.choice(US_STREETS)} {rng.choice(EN_TRADES)}"
            else:
                core = f"{rng.choice(LAST_NAMES)} & {rng.choice(LAST_NAMES)} {rng.choice(EN_TRADES)}"
            if core not in self.company_names:
                break
        self.company_names.add(core)
        suffix, shorts, _w = pick(rng, [((s, sh, w), w) for s, sh, w in EN_SUFFIXES])
        address, postcode = self.us_address(city)
        return {
            "kind": "us", "city": city, "core": core, "suffix": suffix, "shorts": shorts,
            "switchboard": ("1",) + self.us_number(city[2]), "address": address, "postcode": postcode,
            "domain": "".join(ch for ch in core.lower() if ch.isalpha())[:14] + rng.choice(["", "co", "corp", "inc"]) + ".com", "contacts": 0,
        }

    def company_for(self, kind):
        """An employer: often an existing one (colleagues), skewed to the big ones."""
        pool = self.companies_cn if kind == "cn" else self.companies_us
        if pool and self.rng.random() < 0.72:
            # size-biased pick: a company with more contacts is likelier to get another
            c = pool[min(int(len(pool) * self.rng.random() ** 1.6), len(pool) - 1)]
        else:
            c = self.new_company(kind)
            pool.append(c)
        c["contacts"] += 1
        return c

    # ---- people
    def cn_person(self, entity_id, previous_cn):
        rng = self.rng
        e = {"id": entity_id, "kind": "cn_person", "tags": []}
        if previous_cn and rng.random() < 0.03:
            other = rng.choice(previous_cn)
            e["surname"], e["given"] = other["surname"], list(other["given"])
            e["tags"].append(f"same_name_as:{other['id']}")
        else:
            e["surname"] = pick(rng, self.surname_weights)
            n = 1 if rng.random() < 0.25 else 2
            e["given"] = [rng.choice(GIVEN)[0] for _ in range(n)]
        e["mobile"] = self.cn_mobile()
        company = None
        if rng.random() < 0.8:
            if e["tags"] and rng.random() < 0.1 and other.get("company"):
                company = other["company"]
                company["contacts"] += 1
                e["tags"].append("same_company_too")
            else:
                company = self.company_for("cn")
        e["company"] = company
        if company:
            e["city"] = company["city"]
            r = rng.random()
            if r < 0.55:
                e["landline"] = ("86",) + company["switchboard"]
                e["ext"] = str(rng.randint(200, 899)) if rng.random() < 0.5 else ""
            elif r < 0.85:
                e["landline"] = ("86",) + self.cn_landline(company["city"][2])
                e["ext"] = ""
            else:
                e["landline"], e["ext"] = None, ""
            if rng.random() < 0.75:
                e["address"], e["postcode"] = company["address"], company["postcode"]
            else:
                e["address"], e["postcode"] = self.cn_address(company["city"])
            if company["contacts"] > 1:
                e["tags"].append(f"colleague_at:{company['core']}")
        else:
            e["city"] = CN_CITIES[pick(rng, list(enumerate(CN_CITY_WEIGHTS)))]
            e["landline"] = ("86",) + self.cn_landline(e["city"][2]) if rng.random() < 0.3 else None
            e["ext"] = ""
            e["address"], e["postcode"] = self.cn_address(e["city"])
        sp = PINYIN[e["surname"]]
        gp = "".join(PINYIN[c] for c in e["given"])
        user = rng.choice([sp + gp, gp + "." + sp, sp + "_" + gp, sp + gp[0], gp + sp, sp + gp + str(rng.randint(60, 99))])
        if company and rng.random() < 0.4:
            e["email"] = self.unique_email(user, company["domain"])
        else:
            e["email"] = self.unique_email(user, rng.choice(PERSONAL_DOMAINS_CN))
        return e

    def latin_person(self, entity_id, previous_latin):
        rng = self.rng
        e = {"id": entity_id, "kind": "latin_person", "tags": []}
        if previous_latin and rng.random() < 0.03:
            other = rng.choice(previous_latin)
            e["first"], e["last"] = other["first"], other["last"]
            e["tags"].append(f"same_name_as:{other['id']}")
        else:
            e["first"], e["last"] = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        uk = rng.random() < 0.12
        e["uk"] = uk
        company = None
        if uk:
            e["mobile"] = self.uk_mobile()
            e["landline"] = self.uk_landline() if rng.random() < 0.4 else None
            e["ext"] = ""
            e["address"], e["postcode"] = self.uk_address()
            e["city"] = ("London", "", None, None)
        else:
            city = rng.choice(US_CITIES)
            e["mobile"] = ("1",) + self.us_number(city[2])
            if rng.random() < 0.7:
                company = self.company_for("us")
                city = company["city"]
                if company["contacts"] > 1:
                    e["tags"].append(f"colleague_at:{company['core']}")
                if rng.random() < 0.6:
                    e["landline"] = company["switchboard"]
                    e["ext"] = str(rng.randint(100, 499)) if rng.random() < 0.5 else ""
                else:
                    e["landline"], e["ext"] = ("1",) + self.us_number(city[2]), ""
                if rng.random() < 0.75:
                    e["address"], e["postcode"] = company["address"], company["postcode"]
                else:
                    e["address"], e["postcode"] = self.us_address(city)
            else:
                e["landline"] = ("1",) + self.us_number(city[2]) if rng.random() < 0.3 else None
                e["ext"] = ""
                e["address"], e["postcode"] = self.us_address(city)
            e["city"] = city
        e["company"] = company
        f, l = e["first"].lower(), e["last"].lower().replace("'", "")
        user = rng.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{l}", f"{f}_{l}", f"{l}{f[0]}", f"{f}.{l}{rng.randint(1, 99)}"])
        if company and rng.random() < 0.5:
            e["email"] = self.unique_email(user, company["domain"])
        else:
            e["email"] = self.unique_email(user, rng.choice(PERSONAL_DOMAINS_EN))
        return e

    def company_entity(self, entity_id):
        """A company on its own row: no contact name."""
        rng = self.rng
        kind = "cn" if rng.random() < 0.75 else "us"
        c = self.new_company(kind)  # never shared with contacts: a row of its own
        e = {"id": entity_id, "kind": "company", "tags": [], "company": c, "city": c["city"],
             "mobile": None, "landline": (("86",) + c["switchboard"]) if kind == "cn" else c["switchboard"],
             "ext": "", "address": c["address"], "postcode": c["postcode"],
             "email": self.unique_email(rng.choice(["info", "sales", "service", "contact", "hr"]), c["domain"])}
        return e


# --------------------------------------------------------------------------- variations

def vary_cn_name(rng, surname, given, notes):
    """A later copy's Chinese name: one of the issue's variations (or none)."""
    given = list(given)
    options = [("space", 30), ("traditional", 20), ("homophone", 20), ("replaced", 15), ("dropped", 15)]
    kind = pick(rng, options)
    if kind == "homophone":
        i = rng.randrange(len(given))
        alts = [c for c in HOMOPHONES.get(PINYIN.get(given[i], ""), []) if c != given[i]]
        if not alts:
            kind = "replaced"
        else:
            c = rng.choice(alts)
            notes.append(f"name:homophone({given[i]}->{c})")
            given[i] = c
    if kind == "replaced":
        i = rng.randrange(len(given))
        while True:
            c = rng.choice(GIVEN)[0]
            if c != given[i] and PINYIN.get(c) != PINYIN.get(given[i]):
                break
        notes.append(f"name:replaced({given[i]}->{c})")
        given[i] = c
    if kind == "dropped":
        if len(given) < 2:
            kind = "traditional"
        else:
            i = rng.randrange(len(given))
            notes.append(f"name:dropped({given[i]})")
            del given[i]
    name = surname + "".join(given)
    if kind == "traditional":
        t = traditional(name)
        if t == name:
            kind = "space"
        else:
            notes.append("name:traditional")
            name = t
    if kind == "space":
        pos = rng.choice([len(surname), len(surname), len(surname), 1]) if len(name) > 1 else 1
        pos = min(pos, len(name) - 1) if len(name) > 1 else 1
        name = name[:pos] + rng.choice([" ", " ", "  ", "\u3000"]) + name[pos:]
        notes.append("name:space")
    return name


def latin_typo(rng, word):
    if len(word) < 3:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["swap", "drop", "double", "sub"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstnl") + word[i + 1:]


def vary_latin_name(rng, first, last, notes):
    kind = pick(rng, [("typo", 30), ("last_first", 20), ("swapped", 15), ("upper", 15), ("lower", 20)])
    if kind == "typo":
        if rng.random() < 0.5:
            new = latin_typo(rng, first)
            notes.append(f"name:typo({first}->{new})")
            first = new
        else:
            new = latin_typo(rng, last)
            notes.append(f"name:typo({last}->{new})")
            last = new
        return f"{first} {last}"
    notes.append(f"name:{kind}")
    if kind == "last_first":
        return f"{last}, {first}"
    if kind == "swapped":
        return f"{last} {first}"
    if kind == "upper":
        return f"{first} {last}".upper()
    return f"{first} {last}".lower()


def cn_company_name(c, notes, rng, vary):
    name = c["prefix"] + c["core"] + c["suffix"]
    if not vary:
        return name
    kind = pick(rng, [("suffix_dropped", 35), ("suffix_shortened", 35), ("traditional", 30)])
    if kind == "suffix_shortened" and c["suffix"] == "公司":
        kind = "suffix_dropped"
    if kind == "suffix_dropped":
        notes.append("company:suffix_dropped")
        return c["prefix"] + c["core"]
    if kind == "suffix_shortened":
        notes.append("company:suffix_shortened")
        return c["prefix"] + c["core"] + "公司"
    t = traditional(name)
    if t == name:
        notes.append("company:suffix_dropped")
        return c["prefix"] + c["core"]
    notes.append("company:traditional")
    return t


def us_company_name(c, notes, rng, vary):
    name = f"{c['core']} {c['suffix']}"
    if not vary:
        return name
    if rng.random() < 0.4:
        notes.append("company:suffix_dropped")
        return c["core"]
    notes.append("company:suffix_shortened")
    return f"{c['core']} {rng.choice(c['shorts'])}"


def vary_email(rng, email, notes):
    user, domain = email.split("@")
    kind = pick(rng, [("case", 40), ("digits", 35), ("domain", 25)])
    notes.append(f"email:{kind}")
    if kind == "case":
        return rng.choice([email.upper(), user.capitalize() + "@" + domain.upper(), user.title() + "@" + domain])
    if kind == "digits":
        return f"{user}{rng.randint(1, 2025)}@{domain}"
    others = [d for d in PERSONAL_DOMAINS_CN + PERSONAL_DOMAINS_EN if d != domain]
    return f"{user}@{rng.choice(others)}"


def typo_postcode(rng, pc):
    chars = list(pc)
    idx = [i for i, ch in enumerate(chars) if ch.isdigit()]
    i = rng.choice(idx[1:] if len(idx) > 1 else idx)
    if rng.random() < 0.5 and i + 1 < len(chars) and chars[i + 1].isdigit() and chars[i] != chars[i + 1]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = rng.choice([d for d in "0123456789" if d != chars[i]])
    return "".join(chars)


# --------------------------------------------------------------------------- written forms

def write_cn_mobile(rng, m, forms):
    f = pick(rng, [("plain", 45), ("spaced", 10), ("dashed", 10), ("+86", 8), ("0086", 6), ("(+86)", 6),
                   ("86-", 5), ("fullwidth", 6), ("+86-dashed", 4)])
    forms.append(f"mobile:{f}")
    if f == "plain":
        return m
    if f == "spaced":
        return f"{m[:3]} {m[3:7]} {m[7:]}"
    if f == "dashed":
        return f"{m[:3]}-{m[3:7]}-{m[7:]}"
    if f == "+86":
        return f"+86 {m}" if rng.random() < 0.5 else f"+86 {m[:3]} {m[3:7]} {m[7:]}"
    if f == "0086":
        return f"0086{m}" if rng.random() < 0.5 else f"0086-{m}"
    if f == "(+86)":
        return f"(+86){m}" if rng.random() < 0.5 else f"(+86) {m}"
    if f == "86-":
        return f"86-{m}"
    if f == "fullwidth":
        return m.translate(FULLWIDTH)
    return f"+86-{m[:3]}-{m[3:7]}-{m[7:]}"


def write_cn_landline(rng, number, ext, forms):
    _cc, area, local = number
    a = area[1:]
    f = pick(rng, [("dashed", 40), ("paren", 12), ("spaced", 10), ("plain", 8), ("+86", 10), ("0086", 6),
                   ("86-", 5), ("fullwidth", 5), ("(+86)", 4)])
    forms.append(f"landline:{f}")
    if f == "dashed":
        s = f"{area}-{local}"
    elif f == "paren":
        s = f"({area}){local}"
    elif f == "spaced":
        s = f"{area} {local[:4]} {local[4:]}"
    elif f == "plain":
        s = f"{area}{local}"
    elif f == "+86":
        s = f"+86 {a} {local}" if rng.random() < 0.5 else f"+86-{a}-{local}"
    elif f == "0086":
        s = f"0086-{a}-{local}"
    elif f == "86-":
        s = f"86-{a}-{local}"
    elif f == "(+86)":
        s = f"(+86){a}-{local}"
    else:
        s = f"{area}-{local}".translate(FULLWIDTH)
    if ext:
        e = pick(rng, [("转", 50), ("-", 20), (" ext ", 10), ("（分机", 10), (" 转", 10)])
        forms.append("landline:extension")
        if e == "（分机":
            s += f"（分机{ext}）"
        else:
            s += f"{e}{ext}"
        if f == "fullwidth":
            s = s.translate(FULLWIDTH)
    return s


def write_us_number(rng, number, ext, forms, field):
    _cc, area, exch, line = number
    f = pick(rng, [("paren", 40), ("dashed", 25), ("dotted", 10), ("+1", 10), ("1-", 5), ("plain", 10)])
    forms.append(f"{field}:us_{f}")
    if f == "paren":
        s = f"({area}) {exch}-{line}"
    elif f == "dashed":
        s = f"{area}-{exch}-{line}"
    elif f == "dotted":
        s = f"{area}.{exch}.{line}"
    elif f == "+1":
        s = f"+1 {area}-{exch}-{line}" if rng.random() < 0.5 else f"+1 ({area}) {exch}-{line}"
    elif f == "1-":
        s = f"1-{area}-{exch}-{line}"
    else:
        s = f"{area}{exch}{line}"
    if ext:
        forms.append(f"{field}:extension")
        s += rng.choice([f" x{ext}", f" ext. {ext}", f" ext {ext}", f" x {ext}"])
    return s


def write_uk_number(rng, number, forms, field):
    if len(number) == 2:  # mobile
        _cc, n = number
        f = rng.choice(["national", "+44"])
        forms.append(f"{field}:uk_{f}")
        return f"0{n[:4]} {n[4:]}" if f == "national" else f"+44 {n[:4]} {n[4:]}"
    _cc, area, local = number
    f = rng.choice(["national", "+44"])
    forms.append(f"{field}:uk_{f}")
    return f"0{area} {local[:4]} {local[4:]}" if f == "national" else f"+44 {area} {local[:4]} {local[4:]}"


def write_us_address(rng, a, short, fullwidth):
    long_t, short_t = a["type"]
    s = f"{a['num']} {a['street']} {short_t if short else long_t}{a['suite']}"
    return s.translate(FULLWIDTH) if fullwidth else s


# --------------------------------------------------------------------------- rows

KEEP = {"mobile": 0.95, "landline": 0.8, "email": 0.8, "address": 0.85, "postcode": 0.75, "city": 0.9,
        "company": 0.93}


def render(rng, g, e, copy, explain):
    """One row of entity e; copy 0 is the entity as it is, later copies vary."""
    notes, forms, blanks = [], [], []
    later = copy > 0
    row = dict.fromkeys(FIELDS, "")

    # people move (later copies only): the entity keeps its new value for later copies
    if later:
        rr = rng.random
        if e["mobile"] is not None and rr() < 0.05:
            e["mobile"] = g.cn_mobile() if e["kind"] == "cn_person" else (
                g.uk_mobile() if e.get("uk") else ("1",) + g.us_number(e["city"][2]))
            notes.append("move:mobile")
        if rr() < 0.08 and e["kind"] != "company":
            user, domain = e["email"].split("@")
            e["email"] = g.unique_email(user[:3] + str(rng.randint(100, 999)), rng.choice(
                PERSONAL_DOMAINS_CN if e["kind"] == "cn_person" else PERSONAL_DOMAINS_EN))
            notes.append("move:email")
        if e["landline"] is not None and rr() < 0.10:
            if e["kind"] == "cn_person" or (e["kind"] == "company" and e["company"]["kind"] == "cn"):
                e["landline"] = ("86",) + g.cn_landline(e["city"][2])
            elif e.get("uk"):
                e["landline"] = g.uk_landline()
            else:
                e["landline"] = ("1",) + g.us_number(e["city"][2])
            e["ext"] = ""
            notes.append("move:landline")
        if rr() < 0.05:
            if e["kind"] == "cn_person" or (e["kind"] == "company" and e["company"]["kind"] == "cn"):
                e["address"], e["postcode"] = g.cn_address(e["city"])
            elif e.get("uk"):
                e["address"], e["postcode"] = g.uk_address()
            else:
                e["address"], e["postcode"] = g.us_address(e["city"])
            notes.append("move:address")

    # name
    if e["kind"] == "cn_person":
        if later and rng.random() < 0.55:
            row["name"] = vary_cn_name(rng, e["surname"], e["given"], notes)
        else:
            row["name"] = e["surname"] + "".join(e["given"])
    elif e["kind"] == "latin_person":
        if later and rng.random() < 0.55:
            row["name"] = vary_latin_name(rng, e["first"], e["last"], notes)
        else:
            row["name"] = f"{e['first']} {e['last']}"

    # company
    c = e["company"]
    if c is not None:
        vary = later and rng.random() < 0.4
        row["company"] = (cn_company_name if c["kind"] == "cn" else us_company_name)(c, notes, rng, vary)

    # numbers
    if e["mobile"] is not None:
        m = e["mobile"]
        if e["kind"] == "cn_person":
            row["mobile"] = write_cn_mobile(rng, m, forms)
        elif m[0] == "44":
            row["mobile"] = write_uk_number(rng, m, forms, "mobile")
        else:
            row["mobile"] = write_us_number(rng, m, "", forms, "mobile")
    if e["landline"] is not None:
        n = e["landline"]
        ext = e["ext"] if rng.random() < 0.8 else ""
        if n[0] == "86":
            row["landline"] = write_cn_landline(rng, n, ext, forms)
        elif n[0] == "44":
            row["landline"] = write_uk_number(rng, n, forms, "landline")
        else:
            row["landline"] = write_us_number(rng, n, ext, forms, "landline")

    # email
    email = e["email"]
    if later and rng.random() < 0.25:
        email = vary_email(rng, email, notes)
    row["email"] = email

    # address, city, state, postcode
    addr = e["address"]
    fullwidth = later and rng.random() < 0.15
    if isinstance(addr, dict):
        short = rng.random() < 0.5
        if later:
            first_short = e.setdefault("_short", short)
            if short != first_short:
                notes.append("address:ave_avenue")
        else:
            e["_short"] = short
        row["address"] = write_us_address(rng, addr, short, fullwidth)
    else:
        row["address"] = addr.translate(FULLWIDTH) if fullwidth else addr
    if fullwidth:
        notes.append("address:fullwidth")
    city = e["city"]
    if e["kind"] == "cn_person" or (c is not None and c["kind"] == "cn") or (e["kind"] == "company" and c["kind"] == "cn"):
        row["city"] = city[0] if rng.random() < 0.5 else city[0] + "市"
        row["state"] = city[1]
    else:
        row["city"], row["state"] = city[0], city[1]
    pc = e["postcode"]
    if later and rng.random() < 0.04:
        pc = typo_postcode(rng, pc)
        notes.append("postcode:typo")
    row["postcode"] = pc

    # fields left empty now and then (never every identifier of a row)
    for f, p in KEEP.items():
        if row[f] and rng.random() > p:
            blanks.append(f)
    if e["kind"] == "company" and "company" in blanks:
        blanks.remove("company")
    left = [f for f in ("name", "company", "mobile", "landline", "email") if row[f] and f not in blanks]
    if not left:
        blanks = [b for b in blanks if b not in ("mobile", "email", "landline")]
    for f in blanks:
        row[f] = ""
    if explain is not None:
        explain.update(notes=notes, forms=forms, blanks=blanks)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--truth", help="default: OUT with .truth.csv")
    ap.add_argument("--explain", help="write per duplicate row the variations applied")
    ap.add_argument("--lang", choices=["zh", "en"], help="header language (default: chosen by the seed)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lang = a.lang or rng.choice(["zh", "en"])
    g = Gen(rng)

    entities, cn_people, latin_people = [], [], []
    rows = []  # (entity index, copy)
    n = 0
    while len(rows) < a.rows:
        eid = f"E{n + 1:07d}"
        r = rng.random()
        if r < 0.62:
            e = g.cn_person(eid, cn_people)
            cn_people.append(e)
        elif r < 0.92:
            e = g.latin_person(eid, latin_people)
            latin_people.append(e)
        else:
            e = g.company_entity(eid)
        if rng.random() < 0.30:
            k = pick(rng, [(2, 60), (3, 28), (4, 12)])
        else:
            k = 1
        entities.append(e)
        for copy in range(k):
            rows.append((n, copy))
        n += 1
    rows = rows[:a.rows]
    rng.shuffle(rows)
    # copies are numbered in file order: the first row of an entity in the file is its copy 0
    seen = {}
    ordered = []
    for ei, _ in rows:
        c = seen.get(ei, 0)
        seen[ei] = c + 1
        ordered.append((ei, c))
    multi = {ei for ei, c in seen.items() if c > 1}

    truth_path = a.truth or (a.out[:-4] if a.out.endswith(".csv") else a.out) + ".truth.csv"
    for p in (a.out, truth_path, a.explain):
        if p and os.path.dirname(p):
            os.makedirs(os.path.dirname(p), exist_ok=True)
    out = open(a.out, "w", encoding="utf-8", newline="")
    truth = open(truth_path, "w", encoding="utf-8", newline="")
    exp = open(a.explain, "w", encoding="utf-8", newline="") if a.explain else None
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADERS[lang])
    truth.write("row,entity\n")
    ew = None
    if exp:
        ew = csv.writer(exp, lineterminator="\n")
        ew.writerow(["row", "entity", "kind", "copy", "variations", "forms", "blanks", "tags"])
    for i, (ei, copy) in enumerate(ordered):
        e = entities[ei]
        info = {} if ei in multi else None
        row = render(rng, g, e, copy, info)
        w.writerow([row[f].replace("\n", " ") for f in FIELDS])
        truth.write(f"{i + 2},{e['id']}\n")
        if ew and info is not None:
            ew.writerow([i + 2, e["id"], e["kind"], copy, ";".join(info["notes"]), ";".join(info["forms"]),
                         ";".join(info["blanks"]), ";".join(e["tags"])])
    out.close()
    truth.close()
    if exp:
        exp.close()


if __name__ == "__main__":
    main()
