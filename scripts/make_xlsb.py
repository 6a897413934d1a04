#!/usr/bin/env python3
"""Writes a small Excel Binary Workbook (.xlsb, BIFF12) from plain Python data.

Why it exists: nothing on a dev machine can *write* xlsb (LibreOffice only imports it,
pyxlsb only reads), yet rollcall must read it, so this script builds the fixture
fixtures/formats/table.xlsb itself. Standard library only (zipfile, struct).

What it writes, following [MS-XLSB]:
  [Content_Types].xml, _rels/.rels, xl/_rels/workbook.bin.rels   (OPC packaging, XML)
  xl/workbook.bin        BrtBeginBook, BrtFileVersion, BrtWbProp, book views,
                         BrtBeginBundleShs, one BrtBundleSh per sheet, BrtEndBundleShs, BrtEndBook
  xl/styles.bin          one font, the two fills Excel expects, one border, one cell-style
                         xf, one cell xf, the "Normal" style, empty dxfs and table styles
  xl/sharedStrings.bin   BrtBeginSst, one BrtSSTItem per distinct text, BrtEndSst
  xl/worksheets/sheetN.bin
                         BrtBeginSheet, BrtWsProp, BrtWsDim, sheet view, BrtBeginSheetData,
                         per row a BrtRowHdr and its cells, BrtEndSheetData, BrtEndSheet
Cells: str -> BrtCellIsst (shared string), int that fits 30 bits -> BrtCellRk,
other int/float -> BrtCellReal (an exact IEEE double), None -> no cell.

calamine (0.31) reads the records *before* BrtBeginCellXFs in styles.bin and before the
BrtBundleSh records in workbook.bin by scanning for record ids without skipping record
bodies, so the fixed bytes there matter: change those records and re-run the reader check.
calamine also needs BrtBeginCellXFs in styles.bin and BrtEndBook in workbook.bin, or it
fails with an end-of-file error.

Usage: make_xlsb.py [OUT.xlsb]   (default: fixtures/formats/table.xlsb)
"""
import os
import struct
import sys
import zipfile

# Record ids, [MS-XLSB] 2.3.2
ROW_HDR, CELL_RK, CELL_REAL, CELL_ISST, SST_ITEM = 0x0000, 0x0002, 0x0005, 0x0007, 0x0013
FONT, FILL, BORDER, XF, STYLE = 0x002B, 0x002D, 0x002E, 0x002F, 0x0030
FILE_VERSION, BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 0x0080, 0x0081, 0x0082, 0x0083, 0x0084
BEGIN_WS_VIEWS, END_WS_VIEWS, BEGIN_BOOK_VIEWS, END_BOOK_VIEWS = 0x0085, 0x0086, 0x0087, 0x0088
BEGIN_WS_VIEW, END_WS_VIEW = 0x0089, 0x008A
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BEGIN_SHEET_DATA, END_SHEET_DATA = 0x008F, 0x0090, 0x0091, 0x0092
WS_PROP, WS_DIM, WB_PROP, BUNDLE_SH, BOOK_VIEW = 0x0093, 0x0094, 0x0099, 0x009C, 0x009E
BEGIN_SST, END_SST = 0x009F, 0x00A0
BEGIN_STYLE_SHEET, END_STYLE_SHEET = 0x0116, 0x0117
BEGIN_DXFS, END_DXFS, BEGIN_TABLE_STYLES, END_TABLE_STYLES = 0x01F9, 0x01FA, 0x01FC, 0x01FD
BEGIN_FILLS, END_FILLS, BEGIN_FONTS, END_FONTS = 0x025B, 0x025C, 0x0263, 0x0264
BEGIN_BORDERS, END_BORDERS, BEGIN_CELL_XFS, END_CELL_XFS = 0x0265, 0x0266, 0x0269, 0x026A
BEGIN_STYLES, END_STYLES, BEGIN_CELL_STYLE_XFS, END_CELL_STYLE_XFS = 0x026B, 0x026C, 0x0272, 0x0273

CT_MAIN = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


# ---------------------------------------------------------------- record encoding

def record(rtype, body=b""):
    """One record: type and size as 7-bit groups with a continuation bit ([MS-XLSB] 2.1.4)."""
    head = bytearray()
    if rtype < 0x80:
        head.append(rtype)
    else:  # ids up to 0x3FFF take two bytes
        head += bytes([(rtype & 0x7F) | 0x80, rtype >> 7])
    size = len(body)
    while True:
        b = size & 0x7F
        size >>= 7
        head.append(b | 0x80 if size else b)
        if not size:
            break
    return bytes(head) + body


def u8(v): return struct.pack("<B", v)
def u16(v): return struct.pack("<H", v)
def u32(v): return struct.pack("<I", v)
def i32(v): return struct.pack("<i", v)


def wide(s):
    """XLWideString: character count, then UTF-16LE."""
    data = s.encode("utf-16-le")
    return u32(len(data) // 2) + data


def color(kind, index=0):
    """BrtColor, 8 bytes: xColorType (0 auto, 1 indexed, 3 theme) << 1, index, tint, rgba."""
    return u8({"auto": 0, "indexed": 1, "theme": 3}[kind] << 1) + u8(index) + u16(0) + b"\0\0\0\xff"


# ---------------------------------------------------------------- parts

def workbook_bin(names):
    out = record(BEGIN_BOOK)
    out += record(FILE_VERSION, b"\0" * 16 + wide("xl") + wide("7") + wide("7") + wide("27328"))
    out += record(WB_PROP, u32(0) + u32(0) + wide("ThisWorkbook"))  # not 1904 dates
    view = i32(0) + i32(0) + u32(28800) + u32(17600) + u32(600) + u32(0) + u32(0) + u8(0x78)
    out += record(BEGIN_BOOK_VIEWS) + record(BOOK_VIEW, view) + record(END_BOOK_VIEWS)
    out += record(BEGIN_BUNDLE_SHS)
    for i, name in enumerate(names, 1):
        # hsState visible, iTabID, strRelID, strName
        out += record(BUNDLE_SH, u32(0) + u32(i) + wide(f"rId{i}") + wide(name))
    out += record(END_BUNDLE_SHS)
    return out + record(END_BOOK)


def styles_bin():
    font = (u16(220) + u16(0) + u16(400) + u16(0)   # 11pt, no flags, normal weight, baseline
            + u8(0) + u8(2) + u8(1) + u8(0)         # no underline, swiss family, default charset
            + color("theme", 1) + u8(2) + wide("Calibri"))  # minor scheme

    def fill(pattern):  # fls, fore, back, then no gradient
        return u32(pattern) + color("indexed", 64) + color("indexed", 65) + b"\0" * 48

    border = u8(0) + (u8(0) + u8(0) + color("auto")) * 5  # top, bottom, left, right, diagonal

    def xf(parent):  # parent, numFmt 0, font 0, fill 0, border 0, rot, indent, bottom+locked
        return u16(parent) + u16(0) + u16(0) + u16(0) + u16(0) + u8(0) + u8(0) + u16(0x1010) + u16(0)

    out = record(BEGIN_STYLE_SHEET)
    out += record(BEGIN_FONTS, u32(1)) + record(FONT, font) + record(END_FONTS)
    out += record(BEGIN_FILLS, u32(2)) + record(FILL, fill(0)) + record(FILL, fill(17)) + record(END_FILLS)
    out += record(BEGIN_BORDERS, u32(1)) + record(BORDER, border) + record(END_BORDERS)
    out += record(BEGIN_CELL_STYLE_XFS, u32(1)) + record(XF, xf(0xFFFF)) + record(END_CELL_STYLE_XFS)
    out += record(BEGIN_CELL_XFS, u32(1)) + record(XF, xf(0)) + record(END_CELL_XFS)
    normal = u32(0) + u16(1) + u8(0) + u8(0xFF) + wide("Normal")  # xf 0, built-in "Normal"
    out += record(BEGIN_STYLES, u32(1)) + record(STYLE, normal) + record(END_STYLES)
    out += record(BEGIN_DXFS, u32(0)) + record(END_DXFS)
    tables = u32(0) + wide("TableStyleMedium2") + wide("PivotStyleLight16")
    out += record(BEGIN_TABLE_STYLES, tables) + record(END_TABLE_STYLES)
    return out + record(END_STYLE_SHEET)


def shared_strings_bin(strings, total):
    out = record(BEGIN_SST, u32(total) + u32(len(strings)))
    for s in strings:
        out += record(SST_ITEM, u8(0) + wide(s))  # plain text: no rich runs, no phonetics
    return out + record(END_SST)


def cell_record(col, value, sst):
    cell = u32(col) + u32(0)  # column, style xf 0
    if isinstance(value, str):
        return record(CELL_ISST, cell + u32(sst[value]))
    if isinstance(value, int) and -(1 << 29) <= value < (1 << 29):
        return record(CELL_RK, cell + i32(value << 2 | 0x2))  # RkNumber, fInt set
    return record(CELL_REAL, cell + struct.pack("<d", float(value)))


def sheet_bin(rows, sst, selected):
    used = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
    r0, r1 = min(r for r, _ in used), max(r for r, _ in used)
    c0, c1 = min(c for _, c in used), max(c for _, c in used)
    out = record(BEGIN_SHEET)
    out += record(WS_PROP, b"\xc1\x04\x02" + color("auto") + i32(-1) + i32(-1) + wide(""))
    out += record(WS_DIM, u32(r0) + u32(r1) + u32(c0) + u32(c1))
    flags = 0x039C | (0x40 if selected else 0)  # grid, headers, zeros, outline; tab selected
    view = u16(flags) + u32(0) + u32(0) + u32(0) + u8(64) + u8(0) + u16(0) + u16(100) + u16(0) * 3 + u32(0)
    out += record(BEGIN_WS_VIEWS) + record(BEGIN_WS_VIEW, view) + record(END_WS_VIEW) + record(END_WS_VIEWS)
    out += record(BEGIN_SHEET_DATA)
    for r, row in enumerate(rows):
        cols = [c for c, v in enumerate(row) if v is not None]
        if not cols:
            continue
        # row, xf, height 15pt, flags, one column span
        out += record(ROW_HDR, u32(r) + u32(0) + u16(300) + b"\0\0\0" + u32(1) + u32(cols[0]) + u32(cols[-1]))
        out += b"".join(cell_record(c, row[c], sst) for c in cols)
    out += record(END_SHEET_DATA)
    return out + record(END_SHEET)


def content_types(n):
    over = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
        for i in range(1, n + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.bin" ContentType="{CT_MAIN}"/>{over}'
            '<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>'
            '<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>'
            '</Types>')


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>' for i, t, target in items)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def write_xlsb(path, sheets):
    """sheets: [(name, rows)], each row a list of str / int / float / None."""
    strings, sst, total = [], {}, 0
    for _, rows in sheets:
        for v in (v for row in rows for v in row if isinstance(v, str)):
            total += 1
            if v not in sst:
                sst[v] = len(strings)
                strings.append(v)
    n = len(sheets)
    wb_rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.bin") for i in range(1, n + 1)]
    wb_rels += [(f"rId{n + 1}", "styles", "styles.bin"), (f"rId{n + 2}", "sharedStrings", "sharedStrings.bin")]

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, data):  # fixed timestamp: same input, same bytes
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        put("[Content_Types].xml", content_types(n))
        put("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.bin")]))
        put("xl/workbook.bin", workbook_bin([name for name, _ in sheets]))
        put("xl/_rels/workbook.bin.rels", rels(wb_rels))
        for i, (_, rows) in enumerate(sheets, 1):
            put(f"xl/worksheets/sheet{i}.bin", sheet_bin(rows, sst, selected=(i == 1)))
        put("xl/styles.bin", styles_bin())
        put("xl/sharedStrings.bin", shared_strings_bin(strings, total))


TABLE = [
    ["姓名", "手机", "单位", "邮箱"],
    ["张三", 13800138000, "北京华信科技有限公司", "zhangsan@163.com"],
    ["李四", 13900139000, "上海明达贸易有限公司", "lisi@qq.com"],
    ["王五", 13700137000, "广州天河软件有限公司", "wangwu@126.com"],
]
SECOND = [["Name", "Mobile"], ["Zhao Liu", 13600136000]]

if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "formats", "table.xlsb")
    out = sys.argv[1] if len(sys.argv) > 1 else default
    write_xlsb(out, [("Sheet1", TABLE), ("第二页", SECOND)])
    print("wrote", os.path.normpath(out))
