#!/usr/bin/env python3
"""Writes the files in fixtures/: the demo lists and one file per format, encoding and
kind of bad input that the integration tests drive the binary on.

Deterministic: running it twice gives the same content (xlsx timestamps aside).
Needs: openpyxl, xlwt, msoffcrypto-tool (pip) and, for .ods/.xlsm/.xlsb, LibreOffice
(`soffice`) on PATH. The generated files are committed, so CI never runs this.
"""
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import Font

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def path(*parts):
    p = os.path.join(ROOT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


# ---------------------------------------------------------------- the demo lists

SALES_ROWS = [
    # name, mobile, landline, fax, company, address, email, salesperson, date, remarks
    ("张三", 13800138000, "010-62345678", "010-62345679", "北京华信科技有限公司", "北京市海淀区中关村大街1号", "zhangsan@163.com", "王芳", datetime.date(2023, 1, 5), ""),
    ("李 四", "139-0013-9000", "(010)62345670转203", "", "北京华信科技有限公司", "北京市海淀区中关村大街1号", "lisi@qq.con", "王芳", datetime.date(2023, 2, 11), ""),
    ("王经理", "+86 137 0013 7000", "", "", "上海明达贸易有限公司", "上海市浦东新区世纪大道100号", "WANG@Example.COM", "刘强", datetime.date(2023, 3, 1), "老客户"),
    ("赵六", "", "62345678", "", "广州市天河软件股份有限公司", "广州市天河区体育西路10号", "", "刘强", datetime.date(2022, 12, 20), ""),
    ("钱七", "1380013800", "", "", "深圳前海金融服务有限公司", "深圳市南山区", "qianqi@@163.com", "王芳", datetime.date(2023, 4, 2), ""),
    ("孙八", "", "", "0755-86001234", "深圳前海金融服务有限公司", "深圳市南山区", "", "王芳", datetime.date(2023, 4, 2), "只有传真"),
    ("周九", "１３６００１３６０００", "", "", "杭州西湖茶业有限公司", "浙江省杭州市西湖区", "zhoujiu＠sina．com", "陈晨", "2023年5月8日", ""),
    ("吴十", "13500135000 / 13400134000", "", "", "南京长江物流有限公司", "南京市鼓楼区", "", "陈晨", "2023/6/1", ""),
    ("郑十一", "", "", "", "成都天府餐饮管理有限公司", "成都市锦江区", "zheng11@126.com", "陈晨", "2023.07.15", "电话丢失"),
    ("Zhang San", "+86 138 0013 8000", "", "", "Huaxin Technology Co., Ltd.", "No.1 Zhongguancun St, Beijing", "zhangsan@163.com", "Wang Fang", "5-Jan-23", ""),
]


def write_sales_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户名单"
    ws["A1"] = "2023年销售部客户一览表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:K1")
    # row 2 blank; rows 3-4: a two-row header with a merged group over the phones
    top = ["序号", "姓名", "联系方式", None, None, "工作单位", "通讯地址", "E-mail", "签单人员", "填表日期", "备注"]
    sub = [None, None, "手机", "座机", "传真", None, None, None, None, None, None]
    for c, v in enumerate(top, 1):
        if v:
            ws.cell(row=3, column=c, value=v).font = Font(bold=True)
    for c, v in enumerate(sub, 1):
        if v:
            ws.cell(row=4, column=c, value=v).font = Font(bold=True)
    ws.merge_cells("C3:E3")
    for col in "ABFGHIJK":
        ws.merge_cells(f"{col}3:{col}4")
    row = 5
    for i, r in enumerate(SALES_ROWS, 1):
        name, mobile, land, fax, company, addr, email, sales, date, remarks = r
        values = [i, name, mobile, land, fax, company, addr, email, sales, date, remarks]
        for c, v in enumerate(values, 1):
            if v == "":
                continue
            cell = ws.cell(row=row, column=c, value=v)
            if isinstance(v, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if isinstance(v, int) and v > 10**9:
                cell.number_format = "0.00E+00"  # how Excel shows a long number: 1.38E+10
        row += 1
        if i == 4:
            row += 1  # an empty row inside the table
    # the company cell merged over two contacts (rows 5-6 hold the same company)
    ws.cell(row=6, column=6, value=None)
    ws.merge_cells("F5:F6")
    ws.cell(row=row + 1, column=1, value="制表人：王芳")  # a footer note: rejected row

    fair = wb.create_sheet("展会名单")
    fair.append(["Name", "Company", "Mobile", "Tel.", "Email", "City", "Booth visited"])
    fair.append(["陈大文", "厦门海沧船务有限公司", 13900139000, "0592-6123456", "chen@xmship.cn", "厦门", "A12"])
    fair.append(["Li Si", "Beijing Huaxin Technology", "139 0013 9000", "", "lisi@qq.com", "Beijing", "B03"])
    fair.append(["刘洋", "", "not available", "", "", "武汉", "C21"])
    notes = wb.create_sheet("说明")
    notes["A1"] = "本表由销售部整理，每季度更新。"
    wb.save(path("demo", "销售部客户.xlsx"))


CRM_CSV = """Customer ID,First Name,Last Name,Company,Phone,Fax,Email,Address,Zip,Owner,Created
CRM-001,San,Zhang,北京华信科技有限公司,010 6234 5678 ext. 12,010-62345679,zhangsan@163.com,北京市海淀区中关村大街1号,100080,王芳,2021-03-04
CRM-002,Mei,Han,Shanghai Mingda Trading Co. Ltd.,+86 21 6234 5678,,mei.han@mingda.com.cn,上海市浦东新区世纪大道100号,200120,刘强,2021-05-17
CRM-003,John,Smith,Acme Imports LLC,+1 (415) 555-2671,,john@acme-imports.com,"1 Market St, San Francisco",94105,Wang Fang,2022-01-09
CRM-004,Wei,Chen,厦门海沧船务有限公司,0592-6123456,0592-6123457,,厦门市海沧区,361026,陈晨,2022-08-30
,,,,,,,,,,
CRM-005,Lei,Sun,,12345,,sun.lei@gmial.com,,,刘强,2023-02-28
"""

OLD_CSV = """客户名称,联系人,手机号码,电话,地址,邮编,备注
杭州西湖茶业有限公司,周九,13600136000,0571-87654321,浙江省杭州市西湖区龙井路1号,310013,老客户 无人接听
南京长江物流有限公司,吴十,13500135000,,南京市鼓楼区中山北路8号,210009,
重庆山城火锅有限公司,马超,18900189000,023-63456789,重庆市渝中区解放碑,400010,空号
西安古城文化传播有限公司,韩梅,,029-88776655,西安市雁塔区,710061,
"""


def write_demo():
    write_sales_workbook()
    with open(path("demo", "crm_export.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + CRM_CSV.encode("utf-8"))
    with open(path("demo", "老客户_GBK.csv"), "wb") as f:
        f.write(OLD_CSV.encode("gbk"))


# ---------------------------------------------------------------- one file per format

TABLE = [
    ["姓名", "手机", "单位", "邮箱"],
    ["张三", "13800138000", "北京华信科技有限公司", "zhangsan@163.com"],
    ["李四", "13900139000", "上海明达贸易有限公司", "lisi@qq.com"],
    ["王五", "13700137000", "广州天河软件有限公司", "wangwu@126.com"],
]

BIG5_TABLE = [
    ["姓名", "電話", "公司", "地址"],
    ["陳大文", "0912345678", "臺北市某某股份有限公司", "臺北市信義區"],
    ["黃小明", "02-2345-6789", "新竹縣某某科技有限公司", "新竹縣竹北市"],
    ["林美玲", "0922345678", "高雄市某某貿易有限公司", "高雄市前鎮區"],
]


def delimited(table, delim):
    return "".join(delim.join(r) + "\r\n" for r in table)


def write_formats():
    text = delimited(TABLE, ",")
    with open(path("formats", "utf8.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    with open(path("formats", "utf8_bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with open(path("formats", "utf16le.txt"), "wb") as f:
        f.write(b"\xff\xfe" + delimited(TABLE, "\t").encode("utf-16-le"))
    with open(path("formats", "utf16be.csv"), "wb") as f:
        f.write(b"\xfe\xff" + text.encode("utf-16-be"))
    write_utf16_without_bom()
    with open(path("formats", "gbk.csv"), "wb") as f:
        f.write(text.encode("gbk"))
    with open(path("formats", "gb18030.csv"), "wb") as f:
        t = delimited(TABLE + [["䶮先生", "13600136000", "龘记餐饮有限公司", "x@y.cn"]], ",")
        f.write(t.encode("gb18030"))
    with open(path("formats", "big5.csv"), "wb") as f:
        f.write(delimited(BIG5_TABLE, ",").encode("big5"))
    with open(path("formats", "semicolon.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited(TABLE, ";"))
    with open(path("formats", "tab.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited(TABLE, "\t"))
    with open(path("formats", "pipe.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited(TABLE, "|"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r in TABLE:
        ws.append([int(v) if v.isdigit() else v for v in r])
    xlsx = path("formats", "table.xlsx")
    wb.save(xlsx)

    import xlwt
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("客户")
    sheet.write_merge(0, 0, 0, 3, "客户名单")
    for i, r in enumerate(TABLE, 2):
        for j, v in enumerate(r):
            sheet.write(i, j, float(v) if v.isdigit() else v)
    book.save(path("formats", "table.xls"))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        convert(soffice, xlsx, "ods", "calc8")
        convert(soffice, xlsx, "xlsm", 'Calc MS Excel 2007 VBA XML')
    else:
        print("soffice not found: .ods/.xlsm fixtures not regenerated", file=sys.stderr)
    # No program here writes xlsb; make_xlsb.py writes BIFF12 itself.
    subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_xlsb.py")],
                   check=True)


def write_utf16_without_bom():
    # Windows tools write these; only the zero bytes tell the encoding.
    text = delimited(TABLE, ",")
    with open(path("formats", "utf16le_no_bom.csv"), "wb") as f:
        f.write(text.encode("utf-16-le"))
    with open(path("formats", "utf16be_no_bom.csv"), "wb") as f:
        f.write(text.encode("utf-16-be"))


def convert(soffice, src, ext, filt):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([soffice, "--headless", "--convert-to", f"{ext}:{filt}", "--outdir", out, src],
                       check=True, capture_output=True)
        produced = os.path.join(out, os.path.splitext(os.path.basename(src))[0] + "." + ext)
        if os.path.exists(produced):
            shutil.copy(produced, path("formats", "table." + ext))
        else:
            print(f"LibreOffice did not write .{ext}", file=sys.stderr)


# ---------------------------------------------------------------- bad inputs

def write_bad():
    open(path("bad", "empty.csv"), "wb").close()
    with open(path("bad", "corrupt.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04" + bytes(range(256)) * 4)
    with open(path("bad", "misnamed.xlsx"), "w", encoding="utf-8") as f:
        f.write(delimited(TABLE, ","))
    with open(path("bad", "no_header.csv"), "w", encoding="utf-8") as f:
        f.write("1,2,3\n4,5,6\n")
    write_bad_text()
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile
        plain = path("formats", "table.xlsx")
        with open(plain, "rb") as src, open(path("bad", "encrypted.xlsx"), "wb") as dst:
            OOXMLFile(src).encrypt("secret", dst)
    except ImportError:
        print("msoffcrypto-tool missing: encrypted.xlsx not regenerated", file=sys.stderr)


def write_bad_text():
    # A list exported without its header row: the first customer is not a header.
    with open(path("bad", "data_first.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited([r for r in TABLE[1:]], ","))
    # Data row 6 of 10 (line 7) opens a quote that never closes.
    rows = [["姓名", "手机", "公司", "备注"]]
    for i in range(1, 11):
        remark = '"unterminated remark' if i == 6 else "老客户"
        rows.append([f"客户{i}", f"139{i:08d}", f"某某{i}号公司", remark])
    with open(path("bad", "stray_quote.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited(rows, ","))
    # Spreadsheet error values pasted as text, in every kind of column.
    with open(path("bad", "error_values.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(delimited([
            ["姓名", "手机", "公司", "邮箱", "备用"],
            ["#N/A", "13800138000", "北京华信科技有限公司", "#VALUE!", "#REF!"],
            ["李四", "#DIV/0!", "#NAME?", "lisi@qq.com", "老客户"],
            ["#NULL!", "#NUM!", "#N/A", "", ""],
        ], ","))


if __name__ == "__main__":
    write_demo()
    write_formats()
    write_bad()
    print("fixtures written to", os.path.normpath(ROOT))
